package org.polyhead.track;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one real MLflow tracking server per test JVM from the project's .venv (sqlite and artifacts in a temp
 * folder, a free port on 127.0.0.1) and stops it when the JVM's tests are done.
 */
public final class MlflowServerExtension implements BeforeAllCallback {
    private static MlflowServer server;
    private static String url;

    @Override
    public synchronized void beforeAll(ExtensionContext context) throws IOException {
        if (server == null) {
            Path home = projectHome();
            Path state = Files.createTempDirectory("polyhead-mlflow-test");
            server = new MlflowServer(home, state);
            url = server.start(0);
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .put("polyhead-mlflow", (ExtensionContext.Store.CloseableResource) server::stop);
        }
    }

    public static String url() {
        return url;
    }

    public static Path projectHome() {
        String home = System.getenv("POLYHEAD_HOME");
        return Path.of(home != null ? home : "..").toAbsolutePath().normalize();
    }
}
