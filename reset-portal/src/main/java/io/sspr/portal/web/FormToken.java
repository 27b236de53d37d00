package io.sspr.portal.web;

import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestForm;

/** What a form POST carries against cross-site forgery: the form cookie and the hidden field ({@link FormTokens}). */
public class FormToken {
    @RestCookie(FormTokens.COOKIE)
    String cookie;

    @RestForm(FormTokens.FIELD)
    String field;
}
