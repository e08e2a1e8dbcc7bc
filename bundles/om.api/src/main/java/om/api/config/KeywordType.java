package om.api.config;

/** Value types of keywords (objects-and-config section 3.1). */
public enum KeywordType {
    STRING, INT, BOOL, DURATION, SIZE, LIST, COMMAND, SCHEDULE
}
