package io.parkops.bench;

/**
 * Sections ({@code ## heading} to the next {@code ## }) of the Markdown report: the cluster bench
 * writes its own section in place, and the normal run, which renders the whole file anew, keeps it.
 */
final class ReportSections {

    /** The section a new one goes before when the report has none of that heading yet. */
    static final String LIMITS = "## What limits each figure";

    private ReportSections() {
    }

    /** The section of {@code doc} headed {@code heading} (heading line included, through the end of its text), or "". */
    static String find(String doc, String heading) {
        int start = start(doc, heading);
        return start < 0 ? "" : doc.substring(start, end(doc, start));
    }

    /**
     * {@code doc} with {@code section} in place of its section of the same heading; without one, the
     * section goes before {@link #LIMITS}, or at the end. Everything else stays as it was.
     */
    static String put(String doc, String heading, String section) {
        String text = section.endsWith("\n\n") ? section : section.endsWith("\n") ? section + "\n" : section + "\n\n";
        int start = start(doc, heading);
        if (start >= 0) {
            return doc.substring(0, start) + text + doc.substring(end(doc, start));
        }
        int limits = start(doc, LIMITS);
        if (limits >= 0) {
            return doc.substring(0, limits) + text + doc.substring(limits);
        }
        String base = doc.isEmpty() || doc.endsWith("\n\n") ? doc : doc.endsWith("\n") ? doc + "\n" : doc + "\n\n";
        return base + text;
    }

    /** A newly rendered report with the section of {@code heading} the previous one had, if it had one. */
    static String keep(String previous, String rendered, String heading) {
        String kept = find(previous, heading);
        return kept.isEmpty() ? rendered : put(rendered, heading, kept);
    }

    /** Where the line {@code heading} begins, or -1. */
    private static int start(String doc, String heading) {
        if (doc.startsWith(heading + "\n")) {
            return 0;
        }
        int at = doc.indexOf("\n" + heading + "\n");
        return at < 0 ? -1 : at + 1;
    }

    /** Where the next {@code ## } section after the one at {@code start} begins, or the end of {@code doc}. */
    private static int end(String doc, int start) {
        int next = doc.indexOf("\n## ", start + 1);
        return next < 0 ? doc.length() : next + 1;
    }
}
