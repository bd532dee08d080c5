package com.outboundsms.worker.emulator;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Programmable Chat channel; Flex keeps its state ({@code status},
 * {@code proxySession}) in the {@code attributes} JSON string.
 *
 * @param sid the CH SID
 * @param serviceSid the IS SID
 * @param friendlyName the name
 * @param uniqueName the unique name, if any
 * @param attributes the attributes JSON text
 * @param type {@code public} or {@code private}
 * @param messagesCount how many messages it holds
 * @param created when it was created
 * @param updated when it last changed
 */
public record ChatChannel(String sid, String serviceSid, @Nullable String friendlyName, @Nullable String uniqueName,
		String attributes, String type, int messagesCount, Instant created, Instant updated) {

	public ObjectNode attributesNode() {
		JsonNode node = Json.MAPPER.readTree(this.attributes);
		return node.isObject() ? (ObjectNode) node : Json.object();
	}

	/**
	 * Returns the {@code status} attribute ({@code ACTIVE}/{@code INACTIVE}), or
	 * {@code null}.
	 */
	public @Nullable String status() {
		return attribute("status");
	}

	public @Nullable String proxySession() {
		return attribute("proxySession");
	}

	public boolean isActive() {
		return "ACTIVE".equals(status());
	}

	private @Nullable String attribute(String name) {
		JsonNode value = attributesNode().get(name);
		return (value == null || value.isNull()) ? null : value.asString();
	}

	ChatChannel withAttributes(String newAttributes, Instant now) {
		return new ChatChannel(this.sid, this.serviceSid, this.friendlyName, this.uniqueName, newAttributes, this.type,
				this.messagesCount, this.created, now);
	}

	ChatChannel withNames(@Nullable String newFriendlyName, @Nullable String newUniqueName, Instant now) {
		return new ChatChannel(this.sid, this.serviceSid, newFriendlyName, newUniqueName, this.attributes, this.type,
				this.messagesCount, this.created, now);
	}

	ChatChannel withMessagesCount(int count, Instant now) {
		return new ChatChannel(this.sid, this.serviceSid, this.friendlyName, this.uniqueName, this.attributes,
				this.type, count, this.created, now);
	}

}
