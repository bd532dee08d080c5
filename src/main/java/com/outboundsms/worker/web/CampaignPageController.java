package com.outboundsms.worker.web;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Serves the campaign page, its style sheet and its script: files that carry no data and
 * so need no credentials, since the script reads and changes campaigns through
 * {@link CampaignController} with the API token the operator gives it.
 */
@ConditionalOnProperty(prefix = "outbound-sms.http", name = "enabled", havingValue = "true", matchIfMissing = true)
@Controller
class CampaignPageController {

	static final String PATH = "/campaigns";

	/**
	 * Only the worker's own files run or style the page, and the script talks only to the
	 * worker: no inline code, so data that slipped into the markup could not run, and no
	 * other site may frame the page to trick a click on cancel.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	private static final Resource PAGE = new ClassPathResource("campaign-page/campaigns.html");

	private static final Resource STYLE = new ClassPathResource("campaign-page/campaigns.css");

	private static final Resource SCRIPT = new ClassPathResource("campaign-page/campaigns.js");

	@GetMapping(PATH)
	ResponseEntity<Resource> page() {
		return serve(PAGE, MediaType.TEXT_HTML);
	}

	@GetMapping(PATH + "/campaigns.css")
	ResponseEntity<Resource> style() {
		return serve(STYLE, new MediaType("text", "css"));
	}

	@GetMapping(PATH + "/campaigns.js")
	ResponseEntity<Resource> script() {
		return serve(SCRIPT, new MediaType("text", "javascript"));
	}

	private static ResponseEntity<Resource> serve(Resource file, MediaType type) {
		// no-cache: a browser asks again, so an upgraded worker never runs an old script
		// against its new API
		return ResponseEntity.ok()
			.contentType(new MediaType(type, StandardCharsets.UTF_8))
			.cacheControl(CacheControl.noCache())
			.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
			.header("X-Content-Type-Options", "nosniff")
			.header("Referrer-Policy", "no-referrer")
			.body(file);
	}

}
