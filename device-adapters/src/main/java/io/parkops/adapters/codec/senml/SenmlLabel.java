package io.parkops.adapters.codec.senml;

/** The SenML labels with their JSON names and CBOR integer keys (RFC 8428 §4.3 and §6). */
enum SenmlLabel {
    BASE_VERSION("bver", -1), BASE_NAME("bn", -2), BASE_TIME("bt", -3), BASE_UNIT("bu", -4), BASE_VALUE("bv", -5),
    BASE_SUM("bs", -6), NAME("n", 0), UNIT("u", 1), VALUE("v", 2), STRING_VALUE("vs", 3), BOOL_VALUE("vb", 4),
    SUM("s", 5), TIME("t", 6), UPDATE_TIME("ut", 7), DATA_VALUE("vd", 8);

    final String json;
    final int cbor;

    SenmlLabel(String json, int cbor) {
        this.json = json;
        this.cbor = cbor;
    }

    /** The label of a map key as Jackson reports it: the JSON name, or a CBOR integer key as digits. */
    static SenmlLabel of(String key) {
        for (SenmlLabel l : values()) {
            if (l.json.equals(key) || String.valueOf(l.cbor).equals(key)) {
                return l;
            }
        }
        return null;
    }
}
