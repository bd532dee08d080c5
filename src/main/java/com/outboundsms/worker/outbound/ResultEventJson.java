package com.outboundsms.worker.outbound;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.outboundsms.worker.processing.ErrorDetail;
import com.outboundsms.worker.processing.ResultEvent;
import com.outboundsms.worker.processing.WireTime;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a result event as the contract's JSON: SIDs as flat fields, fields that do not
 * apply left out rather than null, timestamps in UTC with milliseconds.
 */
public final class ResultEventJson {

	private final JsonMapper json = JsonMapper.builder().build();

	public byte[] write(ResultEvent event) {
		return this.json.writeValueAsBytes(document(event));
	}

	Map<String, Object> document(ResultEvent event) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("requestId", event.requestId());
		document.put("outcome", event.outcome().name());
		document.put("backend", event.backend());
		event.pair().ifPresent((pair) -> {
			document.put("fromNumber", pair.fromNumber());
			document.put("toNumber", pair.toNumber());
		});
		event.sids().forEach((kind, sid) -> {
			if (kind.resultField() != null) {
				document.put(kind.resultField(), sid);
			}
		});
		event.metadata().ifPresent((metadata) -> document.put("metadata", metadata));
		document.put("attempts", event.attempts());
		document.put("completedAt", timestamp(event.completedAt()));
		event.error().ifPresent((error) -> document.put("error", error(error)));
		event.messageError().ifPresent((error) -> document.put("messageError", error(error)));
		return document;
	}

	private static Map<String, Object> error(ErrorDetail error) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("code", error.code().name());
		document.put("message", error.message());
		document.put("retryable", error.retryable());
		error.twilioCode().ifPresent((code) -> document.put("twilioCode", code));
		error.twilioStatus().ifPresent((status) -> document.put("twilioStatus", status));
		return document;
	}

	static String timestamp(Instant instant) {
		return WireTime.format(instant);
	}

}
