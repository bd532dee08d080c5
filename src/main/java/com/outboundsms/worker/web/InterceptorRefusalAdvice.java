package com.outboundsms.worker.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the calls the door's interceptors stop before the controller, as the controller
 * answers everything else: {@code 413} for a body over the limit, {@code 401} without
 * valid credentials, {@code 429} with {@code Retry-After} for a client refused too often.
 */
@ConditionalOnProperty(prefix = "outbound-sms.http", name = "enabled", havingValue = "true", matchIfMissing = true)
@RestControllerAdvice(assignableTypes = { OutboundSmsController.class, CampaignController.class })
class InterceptorRefusalAdvice {

	@ExceptionHandler(BodyReadingInterceptor.BodyTooLarge.class)
	ResponseEntity<Object> tooLarge(BodyReadingInterceptor.BodyTooLarge ex) {
		return ResponseBodies.tooLarge(ex.limit());
	}

	@ExceptionHandler(AuthenticationInterceptor.NotAdmitted.class)
	ResponseEntity<Object> notAdmitted(AuthenticationInterceptor.NotAdmitted ex) {
		return (ex.admission() instanceof Admission.HeldOff heldOff) ? ResponseBodies.heldOff(heldOff.retryAfter())
				: ResponseBodies.unauthorized();
	}

}
