package org.polyhead.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark "home" made of this process's class path: {@code jars/} holds a link to every jar on it (Spark's, resolved by
 * Maven for the {@code spark} module with one version of each library, and polyhead's), which is what a standalone
 * master, worker and the executors a worker starts put on their class path. No Spark download is needed.
 */
final class SparkHome {
    /** The flags Spark's own launcher passes on Java 17 ({@code org.apache.spark.launcher.JavaModuleOptions} 4.2.0). */
    static final List<String> JAVA_OPTIONS = List.of("-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED", "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private SparkHome() {}

    /** (Re)links {@code <dir>/jars} to the jars of this class path; returns {@code dir}. */
    static Path of(Path dir) {
        Path jars = dir.resolve("jars");
        try {
            Files.createDirectories(jars);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(jars)) {
                for (Path p : old) {
                    Files.delete(p);
                }
            }
            for (Path jar : classPath()) {
                if (jar.toString().endsWith(".jar") && !Files.exists(jars.resolve(jar.getFileName()))) {
                    Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot link Spark's jars under " + jars, e);
        }
    }

    /** Every entry of this process's class path (jars and class folders), wildcards expanded. */
    static List<Path> classPath() {
        List<Path> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith("*")) {
                Path folder = Path.of(entry.substring(0, entry.length() - 1));
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder, "*.jar")) {
                    ds.forEach(p -> out.add(p.toAbsolutePath()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            } else if (!entry.isBlank()) {
                out.add(Path.of(entry).toAbsolutePath());
            }
        }
        return out;
    }

    /** The class path for executors on this machine (jars and class folders, e.g. a test's {@code target/classes}). */
    static String executorClassPath() {
        return String.join(File.pathSeparator, classPath().stream().map(Path::toString).toList());
    }
}
