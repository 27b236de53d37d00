package io.sspr.portal.web;

import io.sspr.events.ResultCode;
import io.sspr.portal.service.RequestRefusedException;

/** A form POST without a valid form token: 403 FORM_TOKEN_INVALID, and nothing of the form is used. */
public class FormTokenRefusedException extends RequestRefusedException {
    public FormTokenRefusedException() {
        super(ResultCode.FORM_TOKEN_INVALID);
    }
}
