package com.outboundsms.worker.twilio;

import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the legacy sequence reads of a chat channel: its unique name (the mark of the
 * outreach that made it, if one did), and from the attributes Flex keeps on it whether it
 * is ACTIVE and which Proxy session it is tied to.
 *
 * @param sid the channel ({@code CH…})
 * @param uniqueName its unique name, if any
 * @param attributes its attributes, an empty object when Twilio gave none or no JSON
 * object
 */
record ChatChannelState(String sid, @Nullable String uniqueName, ObjectNode attributes) {

	static final String ACTIVE = "ACTIVE";

	static final String INACTIVE = "INACTIVE";

	static ChatChannelState of(String sid, @Nullable String uniqueName, @Nullable String attributesJson,
			JsonMapper json) {
		return new ChatChannelState(sid, uniqueName, parse(attributesJson, json));
	}

	/**
	 * Whether the outreach with this mark made the channel.
	 * @param mark the outreach's mark
	 * @return whether the channel's unique name is the mark
	 */
	boolean isMarkedBy(String mark) {
		return mark.equals(this.uniqueName);
	}

	/**
	 * What a channel Flex answered a create with is to the outreach.
	 * @param mark the outreach's mark
	 * @param sessionIsActive whether Proxy has a session active, asked only when needed
	 * @return its own channel; another's conversation that is still open; or a channel
	 * left over
	 */
	Found found(String mark, Predicate<String> sessionIsActive) {
		if (isMarkedBy(mark)) {
			return Found.OWN;
		}
		String session = proxySession();
		return (isActive() && session != null && sessionIsActive.test(session)) ? Found.OPEN_CONVERSATION
				: Found.LEFT_OVER;
	}

	boolean isActive() {
		return ACTIVE.equals(text("status"));
	}

	/**
	 * The Proxy session Flex tied the channel to.
	 * @return the session's SID, or {@code null}
	 */
	@Nullable String proxySession() {
		return text("proxySession");
	}

	/**
	 * The attributes as Flex's janitor leaves a channel it ends: the same, but INACTIVE.
	 * @param json the mapper to write them with
	 * @return the attributes JSON
	 */
	String inactiveAttributes(JsonMapper json) {
		ObjectNode inactive = this.attributes.deepCopy();
		inactive.put("status", INACTIVE);
		return json.writeValueAsString(inactive);
	}

	/** What a channel is to an outreach. */
	enum Found {

		/** The outreach made it. */
		OWN,
		/**
		 * Another made it, and the customer's conversation in it is open: ACTIVE, with an
		 * active Proxy session.
		 */
		OPEN_CONVERSATION,
		/**
		 * Another made it and no conversation goes on in it: its session closed or never
		 * made, though the channel may still say ACTIVE.
		 */
		LEFT_OVER

	}

	private @Nullable String text(String name) {
		JsonNode value = this.attributes.get(name);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	private static ObjectNode parse(@Nullable String attributesJson, JsonMapper json) {
		if (attributesJson != null) {
			try {
				JsonNode node = json.readTree(attributesJson);
				if (node != null && node.isObject()) {
					return (ObjectNode) node;
				}
			}
			catch (JacksonException ex) {
				// attributes that are not JSON say nothing Flex keeps: read as none
			}
		}
		return json.createObjectNode();
	}

}
