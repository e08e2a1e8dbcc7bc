package om.driver.app.internal;

import om.api.driver.ResourceContext;

/** The {@code print status} label of an app resource: {@code <type> app <start command>}. */
public final class AppLabel {
    private AppLabel() {
    }

    public static String of(String type, ResourceContext ctx) {
        String start = ctx.value("start").map(String::strip).orElse("");
        String script = ctx.value("script").map(String::strip).orElse("");
        // "true" alone says nothing to an operator: show what it runs
        if (start.equalsIgnoreCase("true") && !script.isEmpty()) {
            start = script + " start";
        } else if (start.equalsIgnoreCase("false")) {
            start = "";
        }
        return start.isEmpty() ? type + " app" : type + " app " + start;
    }
}
