package dev.parley.visitorgateway.internal;

import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads and writes the widget protocol's JSON frames with explicit limits, and turns every way a
 * frame can be wrong into an error code and a message that names the field, never a class or a
 * stack trace.
 */
final class FrameCodec {

    /** Frames are flat objects with at most one nested map; anything deeper is not a frame. */
    private static final int MAX_NESTING_DEPTH = 8;

    /** A long is at most 19 digits plus a sign. */
    private static final int MAX_NUMBER_LENGTH = 20;

    /** Field names are short words; long ones are an attack on the parser's symbol table. */
    private static final int MAX_NAME_LENGTH = 64;

    /** A frame with a 20-field pre-chat form has under 100 tokens; 4,096 leaves ample room. */
    private static final long MAX_TOKEN_COUNT = 4_096;

    private final JsonMapper mapper;

    FrameCodec(int maxFrameBytes) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxNameLength(MAX_NAME_LENGTH)
                .maxStringLength(maxFrameBytes)
                .maxDocumentLength(maxFrameBytes)
                .maxTokenCount(MAX_TOKEN_COUNT)
                .build();
        this.mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(constraints).build())
                // Newer widgets may add fields; older servers ignore them.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // A token must be a string and a seq a number: no silent coercion between them.
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .changeDefaultPropertyInclusion(inclusion -> JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                        JsonInclude.Include.NON_NULL))
                .build();
    }

    /** Parses one text frame; throws {@link FrameException} with the reason when it is not a valid frame. */
    InboundFrame decode(String text) {
        try {
            return mapper.readValue(text, InboundFrame.class);
        }
        catch (InvalidTypeIdException e) {
            return e.getTypeId() == null
                    ? fail("invalid_frame", "A frame is a JSON object with a string \"type\"")
                    : fail("unknown_type", "Unknown frame type");
        }
        catch (StreamConstraintsException e) {
            return fail("frame_too_complex", "The frame exceeds the parser's limits on nesting, names, numbers or tokens");
        }
        catch (MismatchedInputException e) {
            String field = e.getPath().stream().map(JacksonException.Reference::getPropertyName)
                    .filter(name -> name != null).collect(Collectors.joining("."));
            return field.isEmpty()
                    ? fail("invalid_frame", "A frame is a JSON object with a string \"type\"")
                    : fail("invalid_field", "Field '" + field + "' has the wrong type");
        }
        catch (StreamReadException e) {
            return fail("malformed_json", "The frame is not valid JSON");
        }
        catch (JacksonException e) {
            return fail("invalid_frame", "The frame could not be read");
        }
    }

    String encode(Object frame) {
        return mapper.writeValueAsString(frame);
    }

    private static InboundFrame fail(String code, String message) {
        throw FrameException.protocol(code, message);
    }
}
