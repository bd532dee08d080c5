package com.outboundsms.worker.emulator;

import java.time.Instant;
import java.util.Map;

/**
 * A Flex Flow as the emulator holds it.
 *
 * @param sid the FO SID
 * @param friendlyName the flow's name
 * @param chatServiceSid the IS SID of the chat service its channels live in
 * @param channelType the channel type
 * @param contactIdentity the Twilio number
 * @param enabled whether it is enabled
 * @param integrationType the integration type
 * @param integration the integration object (snake_case keys)
 * @param longLived whether channels are long-lived
 * @param janitorEnabled whether the janitor is on
 * @param created when it was created
 */
public record FlexFlow(String sid, String friendlyName, String chatServiceSid, String channelType,
		String contactIdentity, boolean enabled, String integrationType, Map<String, Object> integration,
		boolean longLived, boolean janitorEnabled, Instant created) {

	public FlexFlow {
		integration = Map.copyOf(integration);
	}

	public boolean isTaskFlow() {
		return "task".equals(this.integrationType);
	}

}
