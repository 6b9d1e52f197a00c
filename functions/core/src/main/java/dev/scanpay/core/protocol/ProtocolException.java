package dev.scanpay.core.protocol;

/**
 * A request the gateway refuses with a protocol answer. Thrown before anything is written, so a refused
 * request leaves no trace in the store.
 */
public class ProtocolException extends RuntimeException {

    private final ResultCode code;

    public ProtocolException(ResultCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ResultCode code() {
        return code;
    }

    public Result result() {
        return Result.of(code, getMessage());
    }

    public static ProtocolException paramIllegal(String field, String problem) {
        return new ProtocolException(ResultCode.PARAM_ILLEGAL, field + " " + problem);
    }
}
