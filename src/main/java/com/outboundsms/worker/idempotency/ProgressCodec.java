package com.outboundsms.worker.idempotency;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.outboundsms.worker.processing.OutreachProgress;
import com.outboundsms.worker.processing.Sid;
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
		document.put("sids", named(progress.sids()));
		document.put("attempted", progress.attempted().stream().map(Enum::name).toList());
		return this.json.writeValueAsString(document);
	}

	String writeSids(Map<Sid, String> sids) {
		return this.json.writeValueAsString(named(sids));
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
		return new OutreachProgress(sids, attempted);
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
