package org.pcisegment.core.pci;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The numbered requirements of PCI DSS v4.0 with short titles in our own words, read from the data
 * file beside this class.
 */
public final class PciRequirements {
    private static final String RESOURCE = "pci-dss-v4.0-requirements.tsv";
    private static final Map<String, String> TITLES = load();

    private PciRequirements() {}

    public static boolean exists(String id) {
        return TITLES.containsKey(id);
    }

    public static Optional<String> title(String id) {
        return Optional.ofNullable(TITLES.get(id));
    }

    /** Every requirement id with its title, in the standard's order. */
    public static Map<String, String> all() {
        return TITLES;
    }

    private static Map<String, String> load() {
        Map<String, String> titles = new LinkedHashMap<>();
        try (InputStream in = PciRequirements.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                titles.put(line.substring(0, tab), line.substring(tab + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(titles);
    }
}
