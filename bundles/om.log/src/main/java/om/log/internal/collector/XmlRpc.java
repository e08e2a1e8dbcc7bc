package om.log.internal.collector;

import java.util.List;

/** The XML-RPC method calls the collector takes: strings, integers, booleans and arrays only. */
final class XmlRpc {
    private XmlRpc() {
    }

    static String call(String method, List<?> params) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<methodCall><methodName>")
                .append(escape(method)).append("</methodName><params>");
        for (Object p : params) {
            b.append("<param>");
            value(b, p);
            b.append("</param>");
        }
        return b.append("</params></methodCall>\n").toString();
    }

    private static void value(StringBuilder b, Object v) {
        b.append("<value>");
        if (v instanceof List<?> list) {
            b.append("<array><data>");
            list.forEach(item -> value(b, item));
            b.append("</data></array>");
        } else if (v instanceof Boolean bool) {
            b.append("<boolean>").append(bool ? 1 : 0).append("</boolean>");
        } else if (v instanceof Integer || v instanceof Long) {
            b.append("<int>").append(v).append("</int>");
        } else {
            b.append("<string>").append(escape(v == null ? "" : v.toString())).append("</string>");
        }
        b.append("</value>");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> {
                    // XML 1.0 cannot carry most control characters, even escaped
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** The method name of a spooled call, for error messages. */
    static String methodOf(String body) {
        int s = body.indexOf("<methodName>");
        int e = body.indexOf("</methodName>");
        return s >= 0 && e > s ? body.substring(s + 12, e) : "?";
    }

    /** The faultString of a fault response, null when the response is not a fault. */
    static String fault(String response) {
        if (response == null || !response.contains("<fault>")) {
            return null;
        }
        int k = response.indexOf("faultString");
        if (k < 0) {
            return "fault";
        }
        int s = response.indexOf("<string>", k);
        int e = s < 0 ? -1 : response.indexOf("</string>", s);
        return s >= 0 && e > s ? response.substring(s + 8, e) : "fault";
    }
}
