package com.outboundsms.worker.idempotency;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
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

	private static final TypeReference<Map<String, String>> NAMED_SIDS = new TypeReference<>() {
	};

	private final JsonMapper json;

	ProgressCodec(JsonMapper json) {
		this.json = json;
	}

	String write(OutreachProgress progress) {
		return this.json.writeValueAsString(new StoredProgress(progress.outreachId(), named(progress.sids()),
				progress.attempted().stream().map(Enum::name).toList()));
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
		return this.json.writeValueAsString(
				new StoredError(error.code().name(), error.message(), error.twilioCode(), error.twilioStatus()));
	}

	@Nullable ErrorDetail readError(@Nullable String text) {
		if (text == null) {
			return null;
		}
		StoredError stored = this.json.readValue(text, StoredError.class);
		return new ErrorDetail(ErrorCode.valueOf(stored.code()), stored.message(), stored.twilioCode(),
				stored.twilioStatus());
	}

	private static Map<String, String> named(Map<Sid, String> sids) {
		// in the kinds' order whatever map comes in,
		// so that equal SIDs are stored as equal text
		Map<Sid, String> ordered = new EnumMap<>(Sid.class);
		ordered.putAll(sids);
		Map<String, String> named = new LinkedHashMap<>();
		ordered.forEach((kind, sid) -> named.put(kind.name(), sid));
		return named;
	}

	OutreachProgress read(String text) {
		StoredProgress stored = this.json.readValue(text, StoredProgress.class);
		Map<Sid, String> sids = readSidMap((stored.sids() != null) ? stored.sids() : Map.of());
		Set<Sid> attempted = EnumSet.noneOf(Sid.class);
		if (stored.attempted() != null) {
			stored.attempted().forEach((name) -> attempted.add(Sid.valueOf(name)));
		}
		// rows written before outreaches had ids have
		// none: nothing they find is provably theirs
		String outreachId = (stored.outreach() != null) ? stored.outreach() : "";
		return new OutreachProgress(outreachId, sids, attempted);
	}

	Map<Sid, String> readSids(String text) {
		return readSidMap(this.json.readValue(text, NAMED_SIDS));
	}

	private static Map<Sid, String> readSidMap(Map<String, String> named) {
		Map<Sid, String> sids = new EnumMap<>(Sid.class);
		named.forEach((name, sid) -> sids.put(Sid.valueOf(name), sid));
		return sids;
	}

}
