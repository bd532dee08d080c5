package com.outboundsms.worker.idempotency;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.outboundsms.worker.processing.ErrorCode;
import com.outboundsms.worker.processing.ErrorDetail;
import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.Sid;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads an outreach's progress as the JSON text kept in the store.
 */
final class ProgressCodec {

	private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
	};

	private final JsonMapper json = JsonMapper.builder().build();

	String write(OutreachProgress progress) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("outreach", progress.outreachId());
		document.put("sids", named(progress.sids()));
		document.put("attempted", progress.attempted().stream().map(Enum::name).toList());
		return this.json.writeValueAsString(document);
	}

	String writeSids(Map<Sid, String> sids) {
		return this.json.writeValueAsString(named(sids));
	}

	/**
	 * Writes why a first message was refused, or {@code null} when it was not.
	 */
	@Nullable String writeError(@Nullable ErrorDetail error) {
		if (error == null) {
			return null;
		}
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("code", error.code().name());
		document.put("message", error.message());
		if (error.twilioCode() != null) {
			document.put("twilioCode", error.twilioCode());
		}
		if (error.twilioStatus() != null) {
			document.put("twilioStatus", error.twilioStatus());
		}
		return this.json.writeValueAsString(document);
	}

	@Nullable ErrorDetail readError(@Nullable String text) {
		if (text == null) {
			return null;
		}
		Map<String, Object> document = this.json.readValue(text, OBJECT);
		return new ErrorDetail(ErrorCode.valueOf((String) document.get("code")), (String) document.get("message"),
				(Integer) document.get("twilioCode"), (Integer) document.get("twilioStatus"));
	}

	private static Map<String, String> named(Map<Sid, String> sids) {
		Map<String, String> named = new LinkedHashMap<>();
		sids.forEach((kind, sid) -> named.put(kind.name(), sid));
		return named;
	}

	OutreachProgress read(String text) {
		Map<String, Object> document = this.json.readValue(text, OBJECT);
		Map<Sid, String> sids = readSidMap(castMap(document.getOrDefault("sids", Map.of())));
		Set<Sid> attempted = EnumSet.noneOf(Sid.class);
		for (Object name : (List<?>) document.getOrDefault("attempted", List.of())) {
			attempted.add(Sid.valueOf((String) name));
		}
		// rows written before outreaches had ids have
		// none: nothing they find is provably theirs
		String outreachId = (document.get("outreach") instanceof String id) ? id : "";
		return new OutreachProgress(outreachId, sids, attempted);
	}

	Map<Sid, String> readSids(String text) {
		return readSidMap(this.json.readValue(text, OBJECT));
	}

	private static Map<Sid, String> readSidMap(Map<String, Object> named) {
		Map<Sid, String> sids = new EnumMap<>(Sid.class);
		named.forEach((name, sid) -> sids.put(Sid.valueOf(name), (String) sid));
		return sids;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> castMap(Object value) {
		return (Map<String, Object>) value;
	}

}
