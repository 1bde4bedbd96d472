package io.parkops.adapters.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.adapters.catalog.DeviceTypeCatalog;
import io.parkops.model.DeviceType;
import io.parkops.model.RejectedException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random bytes and random SenML/JSON against every codec: a codec either decodes or refuses with
 * a {@link RejectedException}; no other exception may escape it.
 */
class CodecFuzzTest {

    private static final long NOW = 1_764_000_000_000L;
    private static final int[] FORMATS = {PayloadDecoders.NONE, PayloadDecoders.JSON, PayloadDecoders.CBOR,
        PayloadDecoders.SENML_JSON, PayloadDecoders.SENML_CBOR, PayloadDecoders.OCTET_STREAM};
    private static final DeviceType METER = DeviceTypeCatalog.builtin().find("energy-meter").orElseThrow();
    private static final DeviceType WATER =
            DeviceTypeCatalog.parse(BinaryTelemetryDecoderTest.WATER_METER.getBytes(StandardCharsets.UTF_8), "water.json");
    private static final DeviceType TLV = DeviceTypeCatalog.parse(("{\"id\":\"tlv\",\"version\":\"1\",\"reportingIntervalSeconds\":60,"
            + "\"features\":{\"environment\":{\"properties\":{\"temperature\":{\"type\":\"number\"},\"co2\":{\"type\":\"number\"}}}},"
            + "\"payloads\":{\"codec\":\"example-tlv\"}}").getBytes(StandardCharsets.UTF_8), "tlv.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private final PayloadDecoders decoders = new PayloadDecoders();

    @Property(tries = 300)
    void randomBytesAreDecodedOrCleanlyRefused(@ForAll @Size(max = 64) byte[] payload, @ForAll @IntRange(max = 5) int format,
                                               @ForAll @IntRange(max = 2) int type) {
        assertOnlyCleanOutcomes(type == 0 ? METER : type == 1 ? WATER : TLV, FORMATS[format], payload);
    }

    @Property(tries = 300)
    void randomSenmlPacksAreDecodedOrCleanlyRefused(@ForAll("senml") String pack) throws Exception {
        assertOnlyCleanOutcomes(METER, PayloadDecoders.SENML_JSON, pack.getBytes(StandardCharsets.UTF_8));
        JsonNode tree;
        try {
            tree = JSON.readTree(pack);
        } catch (JsonProcessingException e) {
            return; // not JSON (e.g. 1e400): the JSON case above covered it
        }
        assertOnlyCleanOutcomes(METER, PayloadDecoders.SENML_CBOR, CBOR.writeValueAsBytes(tree));
    }

    @Property(tries = 300)
    void randomJsonObjectsAreDecodedOrCleanlyRefused(@ForAll("jsonObject") String json) {
        assertOnlyCleanOutcomes(METER, PayloadDecoders.JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertOnlyCleanOutcomes(DeviceType type, int format, byte[] payload) {
        try {
            Decoded d = decoders.decode(type, format, payload, NOW);
            assertThat(d.features()).isNotEmpty();
        } catch (RejectedException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> senml() {
        Arbitrary<String> label = Arbitraries.of("bn", "bt", "bu", "bv", "bs", "bver", "n", "u", "v", "vs", "vb", "vd", "s", "t", "x_", "zz");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.of("\"activePower\"", "\"W\"", "\"kWh\"", "\"Wh\"", "\"urn:x:\"", "\"\"", "true", "null", "[]", "{}", "1e400"),
                Arbitraries.longs().map(String::valueOf));
        Arbitrary<String> record = Combinators.combine(label, value).as((l, v) -> "\"" + l + "\":" + v)
                .list().ofMaxSize(5).map(fields -> "{" + String.join(",", fields) + "}");
        return record.list().ofMaxSize(4).map(records -> "[" + String.join(",", records) + "]");
    }

    @Provide
    Arbitrary<String> jsonObject() {
        Arbitrary<String> field = Arbitraries.of("ts", "activePower", "voltageL1", "powerFactor", "frequency", "x");
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.doubles().map(String::valueOf), Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("\"a\"", "true", "null", "[1]", "{\"a\":1}", "-0", "1e999"));
        return Combinators.combine(field, value).as((f, v) -> "\"" + f + "\":" + v).list().ofMaxSize(6)
                .map(fields -> "{" + String.join(",", fields) + "}");
    }
}
