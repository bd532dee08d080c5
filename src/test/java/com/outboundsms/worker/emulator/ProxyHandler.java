package com.outboundsms.worker.emulator;

import java.util.Map;

/**
 * Serves the Proxy API: sessions and participants under
 * {@code /proxy/v1/Services/{ServiceSid}}.
 */
final class ProxyHandler {

	private static final String SESSIONS = "/proxy/v1/Services/{ServiceSid}/Sessions";

	private final ProxyBackend backend;

	private final ProxyViews views;

	ProxyHandler(ProxyBackend backend, ProxyViews views) {
		this.backend = backend;
		this.views = views;
	}

	void register(Routes routes) {
		routes.add("GET", SESSIONS, this::listSessions)
			.add("POST", SESSIONS, this::createSession)
			.add("GET", SESSIONS + "/{Sid}",
					(request) -> ApiResponse.ok(this.views
						.session(this.backend.session(request.variable("ServiceSid"), request.variable("Sid")))))
			.add("POST", SESSIONS + "/{Sid}", this::updateSession)
			.add("DELETE", SESSIONS + "/{Sid}", (request) -> {
				this.backend.delete(request.variable("ServiceSid"), request.variable("Sid"));
				return ApiResponse.noContent();
			})
			.add("GET", SESSIONS + "/{Sid}/Participants", this::listParticipants)
			.add("POST", SESSIONS + "/{Sid}/Participants", this::createParticipant);
	}

	private ApiResponse listSessions(ApiRequest request) {
		String serviceSid = request.variable("ServiceSid");
		return ApiResponse.ok(Paging.of(request.query())
			.envelope("sessions", this.backend.sessions(serviceSid), this.views::session,
					ProxyViews.BASE + "/Services/" + serviceSid + "/Sessions", Map.of()));
	}

	private ApiResponse createSession(ApiRequest request) {
		Params form = request.form();
		NewProxySession session = new NewProxySession(form.first("UniqueName"), form.first("Mode"), form.integer("Ttl"),
				form.first("DateExpiry"), form.first("Status"), ParticipantsParser.parse(form.all("Participants")));
		return ApiResponse
			.created(this.views.session(this.backend.createSession(request.variable("ServiceSid"), session)));
	}

	private ApiResponse updateSession(ApiRequest request) {
		Params form = request.form();
		ProxySession session = this.backend.update(request.variable("ServiceSid"), request.variable("Sid"),
				form.first("Status"), form.integer("Ttl"), form.first("DateExpiry"));
		return ApiResponse.ok(this.views.session(session));
	}

	private ApiResponse listParticipants(ApiRequest request) {
		ProxySession session = this.backend.session(request.variable("ServiceSid"), request.variable("Sid"));
		return ApiResponse.ok(Paging.of(request.query())
			.envelope("participants", session.participants(), this.views::participant,
					ProxyViews.sessionUrl(session.serviceSid(), session.sid()) + "/Participants", Map.of()));
	}

	private ApiResponse createParticipant(ApiRequest request) {
		Params form = request.form();
		ParticipantSpec spec = new ParticipantSpec(form.required("Identifier"), form.first("ProxyIdentifier"),
				form.first("FriendlyName"));
		return ApiResponse.created(this.views
			.participant(this.backend.addParticipant(request.variable("ServiceSid"), request.variable("Sid"), spec)));
	}

}
