package org.backbeat.model;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Where the shipped model lives, and loading it. */
public final class Models {

    public static final String DEFAULT_FILE = "default.bbm";

    private Models() {
    }

    /**
     * The shipped model's path: system property {@code backbeat.model}, else environment variable
     * {@code BACKBEAT_MODEL}, else {@code models/default.bbm} in the working directory, else next to
     * the installation (the jar's folder and its parent).
     */
    public static Path defaultModelPath() throws ModelFileException {
        List<Path> tried = new ArrayList<>();
        String prop = System.getProperty("backbeat.model");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("BACKBEAT_MODEL");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        tried.add(Path.of("models", DEFAULT_FILE));
        try {
            Path jarDir = Path.of(Models.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
            if (jarDir != null) {
                tried.add(jarDir.resolve("models").resolve(DEFAULT_FILE));
                if (jarDir.getParent() != null) {
                    tried.add(jarDir.getParent().resolve("models").resolve(DEFAULT_FILE));
                }
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // only the working directory then
        }
        for (Path p : tried) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new ModelFileException("no shipped model found (looked for " + tried
            + "); pass --model FILE, or set BACKBEAT_MODEL");
    }

    public static StoredModel loadDefault() throws ModelFileException {
        return ModelFile.load(defaultModelPath());
    }

    /**
     * Loads {@code file}, or the shipped model when {@code file} is null: a generate model (the
     * studio's and the model commands'); a humanize or drumify model is refused in one line.
     */
    public static FastGrooveModel open(Path file) throws ModelFileException {
        return TaskModels.open(file, Task.GENERATE);
    }
}
