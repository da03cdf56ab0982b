package org.polyhead.track;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A real HTTP service on 127.0.0.1 that is not MLflow: {@code /health} answers 200 "OK" (as many services and proxies
 * do) and every other path an HTML 404 page. With {@code probeAnswers}, MLflow's {@code experiments/get-by-name}
 * answers MLflow's JSON error as a real server would, so the service passes a probe and refuses everything after
 * (a proxy that forwards only some paths).
 */
public final class NotMlflowService implements AutoCloseable {
    private final HttpServer server;

    public NotMlflowService(boolean probeAnswers) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            exchange.getRequestBody().readAllBytes();
            int code = 404;
            String type = "text/html";
            String body = "<html><body><h1>Not Found</h1></body></html>";
            if (path.equals("/health")) {
                code = 200;
                type = "text/plain";
                body = "OK";
            } else if (probeAnswers && path.endsWith("/experiments/get-by-name")) {
                type = "application/json";
                body = "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"no such experiment\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(code, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
