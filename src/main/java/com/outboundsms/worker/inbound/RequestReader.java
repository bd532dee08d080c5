package com.outboundsms.worker.inbound;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.outboundsms.worker.processing.CampaignIds;
import com.outboundsms.worker.processing.NumberPair;
import com.outboundsms.worker.processing.OutboundSmsRequest;
import com.outboundsms.worker.processing.OutreachMode;
import com.outboundsms.worker.processing.RequestIds;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body and checks it against every rule of the contract, collecting all
 * broken rules rather than stopping at the first. Numbers are parsed and normalized to
 * E.164 with libphonenumber. The JSON parser is strict (duplicate keys rejected, depth
 * and lengths bounded, no polymorphic typing) because bodies come from other systems. The
 * listener and the HTTP door share one instance, so both apply the same rules.
 */
public final class RequestReader {

	private static final Pattern DIGIT_RUN = Pattern.compile("\\d{7,}");

	/** What follows a SID's two-letter prefix. */
	private static final Pattern SID_DIGITS = Pattern.compile("[0-9a-fA-F]{32}");

	private static final int MAX_NAME = 256;

	private static final int MAX_MESSAGE = 1600;

	private static final int MAX_METADATA_BYTES = 4096;

	private static final TypeReference<Map<String, @Nullable Object>> OBJECT = new TypeReference<>() {
	};

	private final JsonMapper json;

	private final PhoneNumbers phoneNumbers;

	private final long maxBodySize;

	/**
	 * The reader for the configured request side.
	 * @param properties the request side's settings (region, largest body)
	 * @return the reader
	 */
	public static RequestReader of(InboundProperties properties) {
		return new RequestReader(new PhoneNumbers(properties.defaultRegion()), properties.maxBodySize().toBytes());
	}

	RequestReader(PhoneNumbers phoneNumbers, long maxBodySize) {
		this.phoneNumbers = phoneNumbers;
		this.maxBodySize = maxBodySize;
		JsonFactory factory = JsonFactory.builder()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.streamReadConstraints(StreamReadConstraints.builder()
				.maxNestingDepth(32)
				.maxDocumentLength(maxBodySize)
				.maxNumberLength(64)
				.maxStringLength((int) maxBodySize)
				.maxNameLength(256)
				.build())
			.build();
		this.json = JsonMapper.builder(factory)
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();
	}

	/**
	 * Reads one message body.
	 * @param body the raw body
	 * @param messageId the AMQP {@code message_id}, if any
	 * @param contentType the AMQP {@code content_type}, if any
	 * @return the request, or every rule it breaks
	 */
	public Intake read(byte[] body, @Nullable String messageId, @Nullable String contentType) {
		String fallbackId = fallbackId(body, messageId);
		List<FieldError> errors = new ArrayList<>();
		if (contentType != null && !contentType.isBlank() && !isJson(contentType)) {
			errors.add(new FieldError("content_type", "must be application/json, was " + abbreviate(contentType)));
		}
		if (body.length > this.maxBodySize) {
			errors.add(new FieldError("body",
					"is " + body.length + " bytes, more than the " + this.maxBodySize + " allowed"));
			return new Intake.Rejected(fallbackId, errors, null, null, null);
		}
		Optional<JsonNode> document = parse(body, errors);
		if (document.isEmpty()) {
			return new Intake.Rejected(fallbackId, errors, null, null, null);
		}
		return new RequestFields(document.get(), errors).read(fallbackId);
	}

	private Optional<JsonNode> parse(byte[] body, List<FieldError> errors) {
		// RFC 8259 forbids senders a BOM; accepting one would give the same request a
		// second body digest (so a second request id) and leave the reason unreadable
		if (body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF) {
			errors.add(new FieldError("body", "starts with a byte order mark; send UTF-8 JSON without one"));
			return Optional.empty();
		}
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
			JsonNode node = this.json.readTree(text);
			if (node == null || !node.isObject()) {
				errors.add(new FieldError("body", "must be a JSON object"));
				return Optional.empty();
			}
			return Optional.of(node);
		}
		catch (CharacterCodingException ex) {
			errors.add(new FieldError("body", "is not valid UTF-8"));
		}
		catch (JacksonException ex) {
			errors.add(
					new FieldError("body", "is not valid JSON: " + maskDigitRuns(abbreviate(ex.getOriginalMessage()))));
		}
		return Optional.empty();
	}

	/** Whether the media type, parameters such as {@code charset} aside, is JSON. */
	private static boolean isJson(String contentType) {
		int parameters = contentType.indexOf(';');
		String mediaType = ((parameters >= 0) ? contentType.substring(0, parameters) : contentType).trim();
		return mediaType.equalsIgnoreCase("application/json");
	}

	/**
	 * The request id a message has when its body names none: the AMQP message id when it
	 * is a valid id, else the body's SHA-256 digest.
	 */
	String fallbackId(byte[] body, @Nullable String messageId) {
		return RequestIds.isValid(messageId) ? messageId : RequestIds.derivedFrom(body);
	}

	/**
	 * The parser quotes what it could not read, which may be a phone number written
	 * without quotes; its own figures (positions, lengths) are shorter than 7 digits.
	 */
	private static String maskDigitRuns(String text) {
		return DIGIT_RUN.matcher(text)
			.replaceAll(
					(match) -> Matcher.quoteReplacement("***" + match.group().substring(match.group().length() - 4)));
	}

	private static String abbreviate(@Nullable String text) {
		String single = String.valueOf(text).replaceAll("[\\p{Cntrl}]", " ");
		return (single.length() > 200) ? single.substring(0, 200) + "…" : single;
	}

	/** The checks of one parsed body, collecting errors as it goes. */
	private final class RequestFields {

		private final JsonNode document;

		private final List<FieldError> errors;

		RequestFields(JsonNode document, List<FieldError> errors) {
			this.document = document;
			this.errors = errors;
		}

		Intake read(String fallbackId) {
			Optional<String> requestId = text("requestId", false).filter(this::validRequestId);
			Optional<String> from = number("fromNumber");
			Optional<String> to = number("toNumber");
			if (from.isPresent() && from.equals(to)) {
				this.errors.add(new FieldError("toNumber", "must differ from fromNumber"));
			}
			Optional<String> toName = text("toName", true).filter((name) -> length("toName", name, MAX_NAME))
				.filter((name) -> printable("toName", name));
			Optional<String> source = text("sourceChatChannelSid", false)
				.filter((sid) -> validSid("sourceChatChannelSid", "CH", sid));
			Optional<String> targetWorker = text("targetWorkerSid", false)
				.filter((sid) -> validSid("targetWorkerSid", "WK", sid));
			Optional<String> message = text("initialNotificationMessage", false)
				.filter((body) -> length("initialNotificationMessage", body, MAX_MESSAGE));
			Optional<Map<String, @Nullable Object>> taskAttributes = object("taskAttributes");
			Optional<Map<String, @Nullable Object>> metadata = object("metadata").filter(this::smallMetadata);
			Optional<String> campaignId = text("campaignId", false).filter(this::validCampaignId);
			Optional<OutreachMode> mode = mode(message.isPresent());
			Optional<Instant> notBefore = instant("notBefore");
			Optional<Instant> notAfter = instant("notAfter");
			if (notBefore.isPresent() && notAfter.isPresent() && notAfter.get().isBefore(notBefore.get())) {
				this.errors.add(new FieldError("notAfter", "must not be before notBefore"));
			}
			String id = requestId.orElse(fallbackId);
			Optional<NumberPair> pair = (from.isPresent() && to.isPresent() && !from.equals(to))
					? Optional.of(new NumberPair(from.get(), to.get())) : Optional.empty();
			if (!this.errors.isEmpty()) {
				return new Intake.Rejected(id, List.copyOf(this.errors), pair.orElse(null), metadata.orElse(null),
						campaignId.orElse(null));
			}
			return new Intake.Accepted(new OutboundSmsRequest(id, pair.orElseThrow(), toName.orElseThrow(),
					source.orElse(null), message.orElse(null), taskAttributes.orElse(Map.of()), metadata.orElse(null),
					targetWorker.orElse(null), campaignId.orElse(null), notBefore.orElse(null), notAfter.orElse(null),
					mode.orElseThrow()));
		}

		private Optional<Instant> instant(String field) {
			return text(field, false).flatMap((text) -> {
				try {
					return Optional.of(OffsetDateTime.parse(text).toInstant());
				}
				catch (DateTimeParseException ex) {
					this.errors.add(new FieldError(field,
							"must be an ISO-8601 date and time with an offset, such as 2026-12-07T15:00:00Z"));
					return Optional.empty();
				}
			});
		}

		/**
		 * The request's mode: {@code task} when absent; {@code notify} only with the
		 * message it exists to send.
		 */
		private Optional<OutreachMode> mode(boolean hasMessage) {
			Optional<String> named = text("mode", false);
			if (named.isEmpty()) {
				return Optional.of(OutreachMode.TASK);
			}
			Optional<OutreachMode> mode = OutreachMode.ofWireName(named.get());
			if (mode.isEmpty()) {
				this.errors.add(new FieldError("mode", "must be \"task\" or \"notify\""));
			}
			else if (mode.get() == OutreachMode.NOTIFY && !hasMessage) {
				this.errors.add(new FieldError("initialNotificationMessage", "is required in notify mode"));
			}
			return mode;
		}

		private Optional<String> text(String field, boolean required) {
			JsonNode node = this.document.get(field);
			if (node == null || node.isNull()) {
				if (required) {
					this.errors.add(new FieldError(field, "is required"));
				}
				return Optional.empty();
			}
			if (!node.isString()) {
				this.errors.add(new FieldError(field,
						"must be a string, was " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
				return Optional.empty();
			}
			return Optional.of(node.asString());
		}

		private Optional<String> number(String field) {
			return text(field, true).flatMap((raw) -> {
				Optional<String> e164 = RequestReader.this.phoneNumbers.toE164(raw);
				if (e164.isEmpty()) {
					this.errors.add(new FieldError(field, "is not a valid phone number"));
				}
				return e164;
			});
		}

		private boolean length(String field, String value, int max) {
			int length = value.codePointCount(0, value.length());
			if (value.isBlank() || length > max) {
				this.errors
					.add(new FieldError(field, "must be 1 to " + max + " characters and not blank, was " + length));
				return false;
			}
			return true;
		}

		/**
		 * NUL, escape sequences and the like have no place in a name shown to agents (and
		 * a database or terminal may choke on them); tabs and line breaks are kept, as a
		 * name may be written on two lines.
		 */
		private boolean printable(String field, String value) {
			if (value.codePoints().anyMatch((c) -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
				this.errors
					.add(new FieldError(field, "must not contain control characters other than tab and line breaks"));
				return false;
			}
			return true;
		}

		private boolean validRequestId(String id) {
			if (!RequestIds.isValid(id)) {
				this.errors.add(new FieldError("requestId", RequestIds.RULE));
				return false;
			}
			return true;
		}

		private boolean validCampaignId(String id) {
			if (!CampaignIds.isValid(id)) {
				this.errors.add(new FieldError("campaignId", CampaignIds.RULE));
				return false;
			}
			return true;
		}

		private boolean validSid(String field, String prefix, String sid) {
			if (!sid.startsWith(prefix) || !SID_DIGITS.matcher(sid.substring(prefix.length())).matches()) {
				this.errors.add(new FieldError(field, "must be " + prefix + " followed by 32 hex digits"));
				return false;
			}
			return true;
		}

		private Optional<Map<String, @Nullable Object>> object(String field) {
			JsonNode node = this.document.get(field);
			if (node == null || node.isNull()) {
				return Optional.empty();
			}
			if (!node.isObject()) {
				this.errors.add(new FieldError(field, "must be a JSON object"));
				return Optional.empty();
			}
			return Optional.of(RequestReader.this.json.convertValue(node, OBJECT));
		}

		private boolean smallMetadata(Map<String, @Nullable Object> metadata) {
			int size = RequestReader.this.json.writeValueAsBytes(metadata).length;
			if (size > MAX_METADATA_BYTES) {
				this.errors.add(new FieldError("metadata",
						"is " + size + " bytes, more than the " + MAX_METADATA_BYTES + " allowed"));
				return false;
			}
			return true;
		}

	}

}
