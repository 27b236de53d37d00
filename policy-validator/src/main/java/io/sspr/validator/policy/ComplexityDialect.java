package io.sspr.validator.policy;

/** Whose reading of "3 of 5 character categories" applies; they differ for spaces, symbols and non-ASCII. */
public enum ComplexityDialect {
    /** MS-SAMR 3.1.1.7.2 as Microsoft documents it. */
    WINDOWS,
    /** Samba's check_password_quality, as measured on a real Samba DC (REFERENCE.md). */
    SAMBA
}
