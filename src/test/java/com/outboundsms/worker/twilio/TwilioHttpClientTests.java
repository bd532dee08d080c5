package com.outboundsms.worker.twilio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TwilioHttpClientTests {

	@Test
	void namesTheEndpointWithoutSidsOrQuery() {
		assertThat(TwilioHttpClient.endpoint(
				"https://proxy.twilio.com/v1/Services/KS0123456789abcdef0123456789abcdef/Sessions/KC0123456789abcdef0123456789abcdef"))
			.isEqualTo("proxy/v1/Services/{sid}/Sessions/{sid}");
		assertThat(TwilioHttpClient.endpoint("https://flex-api.twilio.com/v1/FlexFlows?PageSize=50&Page=1"))
			.isEqualTo("flex-api/v1/FlexFlows");
		assertThat(TwilioHttpClient
			.endpoint("https://conversations.twilio.com/v1/ParticipantConversations?Address=%2B1415"))
			.isEqualTo("conversations/v1/ParticipantConversations");
	}

	@Test
	void endpointNamesNoChatUserByIdentityNorByPhoneNumber() {
		assertThat(TwilioHttpClient.endpoint(
				"https://chat.twilio.com/v2/Services/IS0123456789abcdef0123456789abcdef/Users/%2B14155552671/Channels?PageSize=50"))
			.isEqualTo("chat/v2/Services/{sid}/Users/{identity}/Channels");
		assertThat(TwilioHttpClient.endpoint(
				"https://chat.twilio.com/v2/Services/IS0123456789abcdef0123456789abcdef/Users/US0123456789abcdef0123456789abcdef/Channels"))
			.isEqualTo("chat/v2/Services/{sid}/Users/{identity}/Channels");
	}

	@Test
	void movesRequestsToAConfiguredBaseUrlOnlyAndNeverToABlankOne() {
		assertThat(TwilioHttpClient.baseUrlOf("http://twilio-emulator:18089/"))
			.isEqualTo("http://twilio-emulator:18089");
		assertThat(TwilioHttpClient.baseUrlOf("http://127.0.0.1:18089")).isEqualTo("http://127.0.0.1:18089");
		assertThat(TwilioHttpClient.baseUrlOf("")).isNull();
		assertThat(TwilioHttpClient.baseUrlOf("  ")).isNull();
		assertThat(TwilioHttpClient.baseUrlOf(null)).isNull();
	}

}
