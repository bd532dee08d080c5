package com.outboundsms.worker.inbound;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MissingPermissionsTests {

	private static final String SESSIONS = "POST proxy/v1/Services/{sid}/Sessions";

	private static final String CHANNELS = "POST flex-api/v1/Channels";

	@Test
	void takesA403ForAMissingPermissionOnlyAfterTheConfiguredPauses() {
		MissingPermissions permissions = new MissingPermissions(3);

		permissions.confirm(List.of(SESSIONS));
		permissions.confirm(List.of(SESSIONS));
		boolean afterTwo = permissions.confirmed(List.of(SESSIONS));
		permissions.confirm(List.of(SESSIONS));

		assertThat(afterTwo).isFalse();
		assertThat(permissions.confirmed(List.of(SESSIONS))).isTrue();
		assertThat(permissions.confirmedAmong(List.of(SESSIONS))).containsExactly(SESSIONS);
	}

	@Test
	void holdsBackWhileAnyRefusedCallIsNotConfirmed() {
		MissingPermissions permissions = new MissingPermissions(1);
		permissions.confirm(List.of(SESSIONS));

		assertThat(permissions.confirmed(List.of(CHANNELS, SESSIONS))).isFalse();
		assertThat(permissions.confirmedAmong(List.of(CHANNELS, SESSIONS))).containsExactly(SESSIONS);
	}

	@Test
	void startsAgainForACallNoLongerRefused() {
		MissingPermissions permissions = new MissingPermissions(2);
		permissions.confirm(List.of(SESSIONS));
		permissions.confirm(List.of(SESSIONS));

		permissions.confirm(List.of(CHANNELS));
		permissions.confirm(List.of(SESSIONS, CHANNELS));

		assertThat(permissions.confirmedAmong(List.of(SESSIONS, CHANNELS))).containsExactly(CHANNELS);
	}

	@Test
	void forgetsEveryCountWhenTheCredentialsThemselvesAreRefused() {
		MissingPermissions permissions = new MissingPermissions(1);
		permissions.confirm(List.of(SESSIONS));

		permissions.forget();

		assertThat(permissions.confirmed(List.of(SESSIONS))).isFalse();
	}

	@Test
	void neverConfirmsWhenNothingIsRefused() {
		MissingPermissions permissions = new MissingPermissions(0);

		assertThat(permissions.confirmed(List.of())).isFalse();
		assertThat(permissions.confirmed(List.of(SESSIONS))).isTrue();
	}

}
