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
		if (event.pair() != null) {
			document.put("fromNumber", event.pair().fromNumber());
			document.put("toNumber", event.pair().toNumber());
		}
		event.sids().forEach((kind, sid) -> {
			if (kind.resultField() != null) {
				document.put(kind.resultField(), sid);
			}
		});
		if (event.metadata() != null) {
			document.put("metadata", event.metadata());
		}
		document.put("attempts", event.attempts());
		document.put("completedAt", timestamp(event.completedAt()));
		if (event.error() != null) {
			document.put("error", error(event.error()));
		}
		if (event.messageError() != null) {
			document.put("messageError", error(event.messageError()));
		}
		return document;
	}

	private static Map<String, Object> error(ErrorDetail error) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("code", error.code().name());
		document.put("message", error.message());
		document.put("retryable", error.retryable());
		if (error.twilioCode() != null) {
			document.put("twilioCode", error.twilioCode());
		}
		if (error.twilioStatus() != null) {
			document.put("twilioStatus", error.twilioStatus());
		}
		return document;
	}

	static String timestamp(Instant instant) {
		return WireTime.format(instant);
	}

}
