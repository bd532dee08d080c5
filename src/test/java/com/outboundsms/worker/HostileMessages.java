package com.outboundsms.worker;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

/**
 * A corpus of hostile or malformed request messages, each with the reasons the worker
 * must give for refusing it.
 */
public final class HostileMessages {

	/** The largest body the worker accepts by default (64 KiB). */
	static final int MAX_BODY = 64 * 1024;

	private static final String FROM = "+15005550006";

	private static final String TO = "+14155552671";

	/** Valid numbers and name: what is hostile in a case is what it adds. */
	private static final String VALID = "\"fromNumber\":\"" + FROM + "\",\"toNumber\":\"" + TO
			+ "\",\"toName\":\"Jane\"";

	private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private HostileMessages() {
	}

	/**
	 * The corpus, its message ids ending in {@code tag} so that repeated rounds never
	 * share a request id.
	 * @param tag a suffix unique to this use of the corpus
	 * @return every case
	 */
	public static List<Hostile> corpus(String tag) {
		List<Hostile> cases = new ArrayList<>();
		Builder add = new Builder(cases, tag);
		add.text("not JSON", "this is not json", "body: is not valid JSON");
		add.text("truncated JSON", "{\"fromNumber\":\"" + FROM + "\",\"toNumber\":\"+1415",
				"body: is not valid JSON: Unexpected end-of-input");
		add.text("single-quoted JSON", "{'fromNumber':'" + FROM + "'}", "body: is not valid JSON");
		add.text("empty body", "", "body: must be a JSON object");
		add.text("only whitespace", " \n\t\r ", "body: must be a JSON object");
		add.text("a JSON array at top level", "[1, 2]", "body: must be a JSON object");
		add.text("a JSON string at top level", "\"" + FROM + "\"", "body: must be a JSON object");
		add.text("a JSON number at top level", "15005550006", "body: must be a JSON object");
		add.text("JSON null at top level", "null", "body: must be a JSON object");
		add.text("a body one byte over 64 KiB", padded(MAX_BODY + 1),
				"body: is 65537 bytes, more than the 65536 allowed");
		add.text("a 10 MiB body", padded(10 * 1024 * 1024), "body: is 10485760 bytes, more than the 65536 allowed");
		add.text("arrays nested 1,000 deep", "[".repeat(1000) + "]".repeat(1000),
				"body: is not valid JSON: Document nesting depth (33) exceeds the maximum allowed (32");
		add.text("objects nested 40 deep in metadata",
				"{" + VALID + ",\"metadata\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}",
				"body: is not valid JSON: Document nesting depth (33) exceeds the maximum allowed (32");
		add.text("a 10,000-digit number", "{" + VALID + ",\"metadata\":{\"n\":" + "9".repeat(10_000) + "}}",
				"body: is not valid JSON: Number value length (10000) exceeds the maximum allowed (64");
		add.text("a huge string field", "{" + VALID.replace("\"Jane\"", "\"" + "x".repeat(60_000) + "\"") + "}",
				"toName: must be 1 to 256 characters and not blank, was 60000");
		add.text("a duplicate toNumber smuggling a second number", "{" + VALID + ",\"toNumber\":\"+14155550000\"}",
				"body: is not valid JSON: Duplicate Object property \"toNumber\"");
		add.text("a duplicate key inside metadata", "{" + VALID + ",\"metadata\":{\"ticket\":\"1\",\"ticket\":\"2\"}}",
				"body: is not valid JSON: Duplicate Object property \"ticket\"");
		add.text("an unquoted phone number the parser would quote",
				"{\"fromNumber\":\"" + FROM + "\",\"toNumber\":tel14155552671,\"toName\":\"Jane\"}",
				"body: is not valid JSON: Unrecognized token 'tel***2671'");
		add.text("trailing garbage after the object", "{" + VALID + "} trailing",
				"body: is not valid JSON: Unrecognized token 'trailing'");
		add.text("a second object after the first", "{" + VALID + "}{}", "body: is not valid JSON: Trailing token");
		add.text("the wrong type for every field",
				"{\"fromNumber\":15005550006,\"toNumber\":[1],\"toName\":{},\"requestId\":7,"
						+ "\"sourceChatChannelSid\":false,\"initialNotificationMessage\":3.5,"
						+ "\"taskAttributes\":\"x\",\"metadata\":true}",
				"requestId: must be a string, was number", "fromNumber: must be a string, was number",
				"toNumber: must be a string, was array", "toName: must be a string, was object",
				"sourceChatChannelSid: must be a string, was boolean",
				"initialNotificationMessage: must be a string, was number", "taskAttributes: must be a JSON object",
				"metadata: must be a JSON object");
		add.text("a NUL character in toName", "{" + VALID.replace("\"Jane\"", "\"Jane\\u0000Doe\"") + "}",
				"toName: must not contain control characters other than tab and line breaks");
		add.text("terminal escape sequences in toName",
				"{" + VALID.replace("\"Jane\"", "\"Jane\\u001b[2J\\u001b]0;owned\\u0007\\u007f\"") + "}",
				"toName: must not contain control characters other than tab and line breaks");
		add.text("an unescaped control character in a string", "{" + VALID.replace("\"Jane\"", "\"Ja\u0001ne\"") + "}",
				"body: is not valid JSON: Illegal unquoted character ((CTRL-CHAR, code 1))");
		add.bytes("invalid UTF-8 bytes", concat("{\"toName\":\"", new byte[] { (byte) 0xC3, (byte) 0x28 }, "\"}"),
				"application/json", "body: is not valid UTF-8");
		add.bytes("UTF-16 instead of UTF-8", ("\uFEFF{" + VALID + "}").getBytes(StandardCharsets.UTF_16LE),
				"application/json", "body: is not valid UTF-8");
		// RFC 8259 forbids a sender to add a BOM and lets a parser refuse one: the worker
		// refuses it, so that a request has one body digest and every reader of the queue
		// reads the same text
		add.bytes("a UTF-8 byte order mark before a valid request",
				concat("", new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, "{" + VALID + "}"), "application/json",
				"body: starts with a byte order mark");
		add.fields("numbers that are not phone numbers", Map.of("fromNumber", "+15555550100", "toNumber", "12"),
				"fromNumber: is not a valid phone number", "toNumber: is not a valid phone number");
		add.fields("a number too long", Map.of("toNumber", "+1415555267100000000"),
				"toNumber: is not a valid phone number");
		add.fields("a number longer than 64 characters", Map.of("toNumber", "+1 415 555 2671" + " ".repeat(60) + "0"),
				"toNumber: is not a valid phone number");
		add.fields("a number of letters", Map.of("toNumber", "FOUR-ONE-FIVE"), "toNumber: is not a valid phone number");
		add.fields("a number with country code zero", Map.of("toNumber", "+0123456789"),
				"toNumber: is not a valid phone number");
		add.fields("fromNumber and toNumber the same number written differently",
				Map.of("fromNumber", "+1 (500) 555-0006", "toNumber", "15005550006"),
				"toNumber: must differ from fromNumber");
		add.fields("a channel SID of CH and 31 hex digits",
				Map.of("sourceChatChannelSid", "CH" + "0123456789abcdef0123456789abcde"),
				"sourceChatChannelSid: must be CH followed by 32 hex digits");
		add.fields("a channel SID with a lowercase ch",
				Map.of("sourceChatChannelSid", "ch" + "0123456789abcdef0123456789abcdef"),
				"sourceChatChannelSid: must be CH followed by 32 hex digits");
		add.fields("a channel SID with non-hex digits",
				Map.of("sourceChatChannelSid", "CH" + "0123456789abcdef0123456789abcdeg"),
				"sourceChatChannelSid: must be CH followed by 32 hex digits");
		add.fields("a requestId of 129 characters", Map.of("requestId", "r".repeat(129)),
				"requestId: must be 1 to 128 characters of A-Z a-z 0-9 . _ : -");
		add.fields("a requestId with spaces", Map.of("requestId", "crm ticket 4711"),
				"requestId: must be 1 to 128 characters of A-Z a-z 0-9 . _ : -");
		add.fields("a requestId with a newline", Map.of("requestId", "crm-4711\nforged"),
				"requestId: must be 1 to 128 characters of A-Z a-z 0-9 . _ : -");
		add.fields("taskAttributes as an array", Map.of("taskAttributes", List.of("priority", 5)),
				"taskAttributes: must be a JSON object");
		add.fields("metadata as an array", Map.of("metadata", List.of("ticket", 4711)),
				"metadata: must be a JSON object");
		add.fields("metadata one byte over 4 KiB", Map.of("metadata", Map.of("b", "b".repeat(4096 - 8 + 1))),
				"metadata: is 4097 bytes, more than the 4096 allowed");
		add.fields("an initialNotificationMessage of 1,601 characters",
				Map.of("initialNotificationMessage", "m".repeat(1601)),
				"initialNotificationMessage: must be 1 to 1600 characters and not blank, was 1601");
		add.text("polymorphic-typing bait with @class",
				"{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"touch\",\"/tmp/owned\"]}",
				"fromNumber: is required", "toNumber: is required", "toName: is required");
		add.text("polymorphic-typing bait as a type-name array", "[\"java.util.HashMap\",{" + VALID + "}]",
				"body: must be a JSON object");
		add.fields("polymorphic-typing bait in taskAttributes",
				Map.of("taskAttributes", List.of("java.net.URL", "http://127.0.0.1:1/")),
				"taskAttributes: must be a JSON object");
		add.text("an exponent bomb in metadata, and no name",
				"{\"fromNumber\":\"" + FROM + "\",\"toNumber\":\"" + TO + "\",\"metadata\":{\"n\":1e999999999}}",
				"toName: is required");
		add.text("an empty object", "{}", "fromNumber: is required", "toNumber: is required", "toName: is required");
		add.message("content type text/plain", ("{" + VALID + "}").getBytes(StandardCharsets.UTF_8), "text/plain",
				"hostile-text-plain-" + tag, Map.of(), "content_type: must be application/json, was text/plain");
		// AMQP's message_id is a short string: 255 bytes is the most a producer can send
		// (500 characters are refused by the client library before they reach the broker)
		add.message("an AMQP message_id of 255 characters",
				("{\"toName\":\"Jane\",\"note\":\"" + tag + "\"}").getBytes(StandardCharsets.UTF_8), "application/json",
				"m".repeat(255), Map.of(), "fromNumber: is required", "toNumber: is required");
		add.message("forged dead-letter headers", ("{\"note\":\"forged\"}").getBytes(StandardCharsets.UTF_8),
				"application/json", "hostile-forged-headers-" + tag,
				Map.of("x-error-code", "NONE", "x-request-id", "someone-else", "x-attempts", 0),
				"fromNumber: is required");
		return List.copyOf(cases);
	}

	/** A body of exactly {@code size} bytes, JSON until it is cut off by size alone. */
	private static String padded(int size) {
		String head = "{\"toName\":\"";
		return head + "x".repeat(size - head.length() - 2) + "\"}";
	}

	private static byte[] concat(String head, byte[] middle, String tail) {
		byte[] first = head.getBytes(StandardCharsets.UTF_8);
		byte[] last = tail.getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[first.length + middle.length + last.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(middle, 0, all, first.length, middle.length);
		System.arraycopy(last, 0, all, first.length + middle.length, last.length);
		return all;
	}

	/**
	 * One hostile message.
	 *
	 * @param name what is hostile about it
	 * @param body the body's bytes
	 * @param contentType the AMQP content type
	 * @param messageId the AMQP message id
	 * @param headers headers the producer adds
	 * @param reasons what the worker's error message must contain
	 */
	public record Hostile(String name, byte[] body, String contentType, String messageId, Map<String, Object> headers,
			List<String> reasons) {

		/** The message as the producer publishes it. */
		public Message message() {
			MessageProperties properties = new MessageProperties();
			properties.setContentType(this.contentType);
			properties.setMessageId(this.messageId);
			this.headers.forEach(properties::setHeader);
			return new Message(this.body, properties);
		}

		/**
		 * The request id the contract gives it: the message id if valid, else the digest.
		 */
		public String requestId() {
			if (REQUEST_ID.matcher(this.messageId).matches()) {
				return this.messageId;
			}
			try {
				return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(this.body));
			}
			catch (NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	/** Adds cases with a message id derived from the case's name and the corpus tag. */
	private record Builder(List<Hostile> cases, String tag) {

		void text(String name, String body, String... reasons) {
			bytes(name, body.getBytes(StandardCharsets.UTF_8), "application/json", reasons);
		}

		void bytes(String name, byte[] body, String contentType, String... reasons) {
			message(name, body, contentType, "hostile-" + name.replaceAll("[^A-Za-z0-9]+", "-") + "-" + this.tag,
					Map.of(), reasons);
		}

		/** A valid request with some fields replaced. */
		void fields(String name, Map<String, Object> replaced, String... reasons) {
			Map<String, Object> body = new LinkedHashMap<>(RequestBodies.minimal(null, FROM, TO));
			body.remove("requestId");
			body.putAll(replaced);
			text(name, RequestBodies.json(body), reasons);
		}

		void message(String name, byte[] body, String contentType, String messageId, Map<String, Object> headers,
				String... reasons) {
			this.cases.add(new Hostile(name, body, contentType, messageId, headers, List.of(reasons)));
		}

	}

}
