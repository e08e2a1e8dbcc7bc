package om.log.internal.collector;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Decodes a methodCall the way an XML-RPC server would, independently of {@link XmlRpc}. */
record XmlRpcDecoder(String method, List<Object> params) {
    static XmlRpcDecoder decode(String body) throws Exception {
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        String method = root.getElementsByTagName("methodName").item(0).getTextContent();
        List<Object> params = new ArrayList<>();
        Element ps = (Element) root.getElementsByTagName("params").item(0);
        for (Element p : children(ps)) {
            params.add(value(children(p).get(0)));
        }
        return new XmlRpcDecoder(method, params);
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    private static Object value(Element v) {
        List<Element> c = children(v);
        if (c.isEmpty()) {
            return v.getTextContent();
        }
        Element t = c.get(0);
        return switch (t.getTagName()) {
            case "string" -> t.getTextContent();
            case "int", "i4" -> Integer.parseInt(t.getTextContent());
            case "boolean" -> t.getTextContent().equals("1");
            case "array" -> {
                List<Object> items = new ArrayList<>();
                for (Element item : children(children(t).get(0))) {
                    items.add(value(item));
                }
                yield items;
            }
            default -> throw new IllegalArgumentException("unexpected type " + t.getTagName());
        };
    }
}
