package com.outboundsms.worker.emulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RoutesTests {

	private final Routes routes = new Routes()
		.add("GET", "/chat/v2/Services/{ServiceSid}/Channels/{Sid}", (request) -> ApiResponse.noContent())
		.add("POST", "/chat/v2/Services/{ServiceSid}/Channels/{Sid}/Messages", (request) -> ApiResponse.noContent());

	@Test
	void matchesAndDecodesPathVariables() {
		Routes.Match match = this.routes.match("GET", "/chat/v2/Services/IS1/Channels/My%20Name%2B1");

		assertThat(match.variables()).containsEntry("ServiceSid", "IS1").containsEntry("Sid", "My Name+1");
		assertThat(this.routes.templateOf("/chat/v2/Services/IS1/Channels/CH1/Messages"))
			.isEqualTo("/chat/v2/Services/{ServiceSid}/Channels/{Sid}/Messages");
	}

	@Test
	void knownPathWithAnotherMethodIs405AndUnknownPathIs404() {
		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.routes.match("DELETE", "/chat/v2/Services/IS1/Channels/CH1"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(20004));
		assertThatExceptionOfType(TwilioApiException.class)
			.isThrownBy(() -> this.routes.match("GET", "/chat/v2/Services/IS1/Channels/CH1/Members"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(20404));
	}

}
