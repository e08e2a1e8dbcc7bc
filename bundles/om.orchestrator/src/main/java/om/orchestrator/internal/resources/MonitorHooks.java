package om.orchestrator.internal.resources;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The host actions of {@code monitor_action} ({@code crash}, {@code reboot}), through Config Admin (pid
 * {@code om.orchestrator.monitor}, e.g. {@code deploy/om.orchestrator.monitor.cfg} with
 * {@code crash.command = ...}). Without a command the action is refused and the next word of
 * {@code monitor_action} is tried: om never crashes or reboots a host by itself, so no test machine goes down by
 * accident; a production install sets e.g. {@code reboot.command = /sbin/reboot -f}.
 */
@ObjectClassDefinition(name = "om resource monitor", description = "host actions of monitor_action")
public @interface MonitorHooks {
    @AttributeDefinition(name = "crash.command", description = "the command run for monitor_action crash "
            + "(split on blanks, no shell), empty to refuse it")
    String crash_command() default "";

    @AttributeDefinition(name = "reboot.command", description = "the command run for monitor_action reboot "
            + "(split on blanks, no shell), empty to refuse it")
    String reboot_command() default "";
}
