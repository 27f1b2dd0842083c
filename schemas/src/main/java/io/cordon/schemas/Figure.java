package io.cordon.schemas;

import java.util.Arrays;

/**
 * A reference to one number of the report of record, as the jobs name the figure an event counts in (in
 * {@code counted_events} and in the audit rows of refused changes) and as a report's changes name what moved:
 * <ul>
 *   <li>{@code checkpoints/ID/PERIOD/KEY}: a checkpoint's count {@code KEY} ({@link CheckpointCount}) of
 *       {@code PERIOD} ({@code today} or {@code cumulative});</li>
 *   <li>{@code totals/PERIOD/KEY}: the same count summed over the scope's checkpoints;</li>
 *   <li>{@code compounds/ID/FIELD}: a compound's screening figure (households, resolved, ...);</li>
 *   <li>{@code key_persons/AREA/KEY}: a key-person figure of the report's day ({@code under_measure}, ...), of the
 *       whole report ({@code AREA} = {@code totals}) or of a community ({@code AREA} = its scope,
 *       {@code community:DISTRICT/STREET/COMMUNITY}).</li>
 * </ul>
 * An event's place, the figure without a period or key ({@code checkpoints/ID}, {@code compounds/ID},
 * {@code key_persons/COMMUNITY/PERSON}), is what {@link #ofCheckpoint}, {@link #ofCompound} and {@link #ofKeyPerson}
 * write. Built and read only here: never by joining or splitting strings.
 *
 * @param period null for a compound's figure
 * @param id null for a total
 */
public record Figure(String kind, String id, String period, String key) {

    public static final String CHECKPOINTS = "checkpoints";
    public static final String COMPOUNDS = "compounds";
    public static final String TOTALS = "totals";
    public static final String KEY_PERSONS = "key_persons";

    /** The place an arrival counts in. */
    public static String ofCheckpoint(String checkpointId) {
        return CHECKPOINTS + "/" + checkpointId;
    }

    /** The place a visit counts in. */
    public static String ofCompound(String compoundId) {
        return COMPOUNDS + "/" + compoundId;
    }

    /**
     * The place a key person's follow-up counts in: the person, under their community
     * ({@code key_persons/community:D/S/C/PERSON}), so that a community's figure and the city's find their follow-ups.
     */
    public static String ofKeyPerson(String district, String street, String community, String personId) {
        return KEY_PERSONS + "/community:" + district + "/" + street + "/" + community + "/" + personId;
    }

    /** A key-person figure of a report: {@code area} is {@code totals} or a community's scope. */
    public static Figure keyPersons(String area, String key) {
        return new Figure(KEY_PERSONS, area, null, key);
    }

    public static Figure checkpointCount(String checkpointId, String period, String key) {
        return new Figure(CHECKPOINTS, checkpointId, period, key);
    }

    public static Figure total(String period, String key) {
        return new Figure(TOTALS, null, period, key);
    }

    public static Figure compoundField(String compoundId, String field) {
        return new Figure(COMPOUNDS, compoundId, null, field);
    }

    /** Reads a figure's path; an id may itself hold a '/' (the kind and the last parts are fixed). */
    public static Figure parse(String path) {
        String[] p = path.split("/", -1);
        if (p.length >= 4 && p[0].equals(CHECKPOINTS)) {
            return new Figure(CHECKPOINTS, join(p, 1, p.length - 2), p[p.length - 2], p[p.length - 1]);
        }
        if (p.length == 3 && p[0].equals(TOTALS)) {
            return new Figure(TOTALS, null, p[1], p[2]);
        }
        if (p.length >= 3 && p[0].equals(KEY_PERSONS)) {
            return new Figure(KEY_PERSONS, join(p, 1, p.length - 1), null, p[p.length - 1]);
        }
        if (p.length >= 3 && p[0].equals(COMPOUNDS)) {
            return new Figure(COMPOUNDS, join(p, 1, p.length - 1), null, p[p.length - 1]);
        }
        throw new IllegalArgumentException("not a figure: '" + path + "'");
    }

    private static String join(String[] parts, int from, int to) {
        return String.join("/", Arrays.asList(parts).subList(from, to));
    }

    /** The figure's path, as {@link #parse} reads it. */
    public String path() {
        return switch (kind) {
            case TOTALS -> TOTALS + "/" + period + "/" + key;
            case COMPOUNDS -> ofCompound(id) + "/" + key;
            case KEY_PERSONS -> KEY_PERSONS + "/" + id + "/" + key;
            default -> ofCheckpoint(id) + "/" + period + "/" + key;
        };
    }

    /**
     * The place of the events that count in this figure: {@code checkpoints/ID}, {@code compounds/ID}, or, for a
     * total, {@code checkpoints/} (every checkpoint's place starts with it).
     */
    public String place() {
        return switch (kind) {
            case TOTALS -> CHECKPOINTS + "/";
            case COMPOUNDS -> ofCompound(id);
            case KEY_PERSONS -> KEY_PERSONS + "/" + (id.equals("totals") ? "" : id + "/");
            default -> ofCheckpoint(id);
        };
    }

    /** Whether only the events of the report's own day count in it. */
    public boolean todayOnly() {
        return "today".equals(period) || KEY_PERSONS.equals(kind);
    }

    @Override
    public String toString() {
        return path();
    }
}
