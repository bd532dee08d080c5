package com.outboundsms.worker.enqueue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives every row's request the campaign id of the enqueue, unless the row names its own
 * ({@code null} included: a row that says it has none keeps none). The field goes in
 * right after the object's opening brace and the rest of the body is kept byte for byte,
 * so the worker's rules judge exactly what the producer wrote; a row that is no JSON
 * object is left for those rules to name.
 */
final class CampaignStamp implements RowSource {

	private static final String FIELD = "campaignId";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RowSource rows;

	private final byte[] field;

	private final byte[] fieldAndComma;

	private final String campaignId;

	private int carried;

	/**
	 * Stamps the rows of a source.
	 * @param rows the rows as the file has them
	 * @param campaignId a valid campaign id, which needs no escaping in JSON
	 */
	CampaignStamp(RowSource rows, String campaignId) {
		this.rows = rows;
		this.campaignId = campaignId;
		String member = "\"" + FIELD + "\":\"" + campaignId + "\"";
		this.field = member.getBytes(StandardCharsets.UTF_8);
		this.fieldAndComma = (member + ",").getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void read(InputStream file, Consumer<FileRow> action) throws IOException {
		this.carried = 0;
		this.rows.read(file, (row) -> action.accept(stamped(row)));
	}

	/**
	 * How many rows of the last pass carry the campaign, stamped or naming it themselves:
	 * the campaign's total.
	 * @return the rows of the campaign
	 */
	int carried() {
		return this.carried;
	}

	FileRow stamped(FileRow row) {
		byte[] body = row.body();
		if (body == null) {
			return row;
		}
		JsonNode document;
		try {
			document = JSON.readTree(body);
		}
		catch (JacksonException unreadable) {
			return row;
		}
		int brace = openingBrace(body);
		if (document != null && document.isObject() && this.campaignId.equals(document.path(FIELD).asString(null))) {
			this.carried++;
		}
		if (document == null || !document.isObject() || document.has(FIELD) || brace < 0) {
			return row;
		}
		this.carried++;
		byte[] member = document.isEmpty() ? this.field : this.fieldAndComma;
		byte[] stamped = new byte[body.length + member.length];
		System.arraycopy(body, 0, stamped, 0, brace + 1);
		System.arraycopy(member, 0, stamped, brace + 1, member.length);
		System.arraycopy(body, brace + 1, stamped, brace + 1 + member.length, body.length - brace - 1);
		return new FileRow(row.line(), stamped, row.problems());
	}

	/** The object's brace: the first byte of the body that is no JSON whitespace. */
	private static int openingBrace(byte[] body) {
		for (int i = 0; i < body.length; i++) {
			byte b = body[i];
			if (b == '{') {
				return i;
			}
			if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
				return -1;
			}
		}
		return -1;
	}

}
