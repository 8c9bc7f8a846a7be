// A throwaway Notion (HTTPS) and GitHub GraphQL endpoint (plain HTTP) used only while the image is
// built, so the AOT cache is recorded on a complete, successful sync that exercises both the TLS and
// the plain-HTTP client paths (a Projects v2 item: GraphQL title, then the create path in Notion).
// Run with the build stage's JDK as a single-file program:
//   java TrainingNotion.java <keystore.p12> <password> <port-file>   (writes "<https port> <http port>")
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

public class TrainingNotion {
    static final String PAGE = "{\"object\":\"page\",\"id\":\"22222222-2222-4222-8222-222222222222\","
            + "\"created_time\":\"2026-01-01T00:00:00.000Z\",\"in_trash\":false,\"archived\":false,"
            + "\"url\":\"https://www.notion.so/22222222222242228222222222222222\",\"properties\":{}}";
    static final String SCHEMA = "{\"object\":\"data_source\",\"id\":\"33333333-3333-4333-8333-333333333333\",\"properties\":{"
            + "\"Name\":{\"id\":\"title\",\"name\":\"Name\",\"type\":\"title\",\"title\":{}},"
            + "\"Status\":{\"id\":\"s\",\"name\":\"Status\",\"type\":\"status\",\"status\":{\"options\":["
            + "{\"id\":\"1\",\"name\":\"Open\"},{\"id\":\"2\",\"name\":\"Closed\"}],\"groups\":[]}},"
            + "\"Category\":{\"id\":\"c\",\"name\":\"Category\",\"type\":\"select\",\"select\":{\"options\":[]}},"
            + "\"Last Synced\":{\"id\":\"l\",\"name\":\"Last Synced\",\"type\":\"date\",\"date\":{}},"
            + "\"Source URL\":{\"id\":\"u\",\"name\":\"Source URL\",\"type\":\"url\",\"url\":{}},"
            + "\"External ID\":{\"id\":\"e\",\"name\":\"External ID\",\"type\":\"rich_text\",\"rich_text\":{}}}}";
    static int queries;

    public static void main(String[] args) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(args[0])) {
            ks.load(in, args[1].toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, args[1].toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", TrainingNotion::answer);
        server.start();
        com.sun.net.httpserver.HttpServer graphql =
                com.sun.net.httpserver.HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        graphql.createContext("/", TrainingNotion::answer);
        graphql.start();
        Files.writeString(Path.of(args[2]), server.getAddress().getPort() + " " + graphql.getAddress().getPort() + "\n");
    }

    static synchronized void answer(HttpExchange ex) throws java.io.IOException {
        ex.getRequestBody().readAllBytes();
        String path = ex.getRequestURI().getPath();
        String body;
        if (path.equals("/graphql")) {
            body = "{\"data\":{\"node\":{\"isArchived\":false,\"project\":{\"title\":\"Training\"},"
                    + "\"fieldValues\":{\"nodes\":[{\"__typename\":\"ProjectV2ItemFieldSingleSelectValue\","
                    + "\"name\":\"P1\",\"field\":{\"name\":\"Priority\"}}]},\"content\":{\"__typename\":\"DraftIssue\","
                    + "\"title\":\"Training item\",\"body\":\"## Training\\n\\n- [ ] item **bold** "
                    + "[link](https://example.com)\\n\\n<details><summary>s</summary>x</details>\","
                    + "\"creator\":{\"login\":\"octocat\"},\"assignees\":{\"nodes\":[]}}}}}";
        } else if (path.startsWith("/v1/databases/")) {
            body = "{\"object\":\"database\",\"id\":\"11111111-1111-4111-8111-111111111111\","
                    + "\"data_sources\":[{\"id\":\"33333333-3333-4333-8333-333333333333\",\"name\":\"Main\"}]}";
        } else if (path.startsWith("/v1/data_sources/") && path.endsWith("/query")) {
            body = "{\"object\":\"list\",\"results\":[" + (queries++ == 0 ? "" : PAGE) + "],\"has_more\":false,\"next_cursor\":null}";
        } else if (path.startsWith("/v1/data_sources/")) {
            body = SCHEMA;
        } else {
            body = PAGE;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }
}
