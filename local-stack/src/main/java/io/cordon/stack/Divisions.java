package io.cordon.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Shanghai's streets and communities ({@code data/shanghai-divisions.csv}, on the classpath): where the demo and the
 * city bench place their compounds. The compound lists name no street or community, so which compound lies in which
 * community is derived here, by a stable hash of the compound's address among its district's communities: real names,
 * a made-up placement.
 */
public final class Divisions {

    /** One community (社区居委会 / 村委会) and the street (街道 / 镇) and district it lies in. */
    public record Community(String district, String street, String community) {}

    private static final String RESOURCE = "shanghai-divisions.csv";

    private final Map<String, List<Community>> byDistrict;
    private final Map<String, List<Community>> byStreet;

    private Divisions(Map<String, List<Community>> byDistrict, Map<String, List<Community>> byStreet) {
        this.byDistrict = byDistrict;
        this.byStreet = byStreet;
    }

    /** Shanghai's 6,509 communities in 234 streets of 16 districts. */
    public static Divisions shanghai() {
        InputStream in = Divisions.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException(RESOURCE + " is not on the classpath (data/ of the repository)");
        }
        Map<String, List<Community>> byDistrict = new LinkedHashMap<>();
        Map<String, List<Community>> byStreet = new LinkedHashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine(); // district,street,street_code,community,community_code
            String line;
            while ((line = reader.readLine()) != null) {
                String[] f = line.split(",", -1);
                Community c = new Community(f[0], f[1], f[3]);
                byDistrict.computeIfAbsent(c.district(), k -> new ArrayList<>()).add(c);
                byStreet.computeIfAbsent(c.district() + "/" + c.street(), k -> new ArrayList<>())
                        .add(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Divisions(byDistrict, byStreet);
    }

    /** The community a compound of a district is placed in: one of the district's, by a stable hash of its key. */
    public Community place(String district, String compoundKey) {
        List<Community> communities = byDistrict.get(district);
        if (communities == null) {
            throw new IllegalArgumentException("no district '" + district + "' in " + RESOURCE);
        }
        return communities.get(Math.floorMod(compoundKey.hashCode(), communities.size()));
    }

    /** The {@code n}-th community of a street of a district (in the file's order, round and round). */
    public Community inStreet(String district, String street, int n) {
        List<Community> communities = byStreet.get(district + "/" + street);
        if (communities == null) {
            throw new IllegalArgumentException("no street '" + street + "' of " + district + " in " + RESOURCE);
        }
        return communities.get(Math.floorMod(n, communities.size()));
    }

    /** The districts, in the file's order. */
    public List<String> districts() {
        return List.copyOf(byDistrict.keySet());
    }

    /** How many communities and streets the data has (for the bench's log). */
    public int communities() {
        return byDistrict.values().stream().mapToInt(List::size).sum();
    }

    public int streets() {
        return byStreet.size();
    }
}
