package dev.scanpay.core.protocol;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code result} object of every AMS and Alipay+ message. */
public record Result(String resultCode, ResultStatus resultStatus, String resultMessage) {

    public static Result of(ResultCode code, String message) {
        return new Result(code.name(), code.status(), message);
    }

    public static Result success() {
        return of(ResultCode.SUCCESS, "success");
    }

    public boolean isSuccess() {
        return resultStatus == ResultStatus.S;
    }

    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("resultCode", resultCode);
        wire.put("resultStatus", resultStatus.name());
        wire.put("resultMessage", resultMessage == null ? "" : resultMessage);
        return wire;
    }
}
