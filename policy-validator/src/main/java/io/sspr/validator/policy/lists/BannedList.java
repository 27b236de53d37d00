package io.sspr.validator.policy.lists;

import java.util.ArrayList;
import java.util.List;

/**
 * The global list plus the organisation's custom terms. The custom terms start from configuration and are replaced
 * by the admin's settings from {@code sspr.settings} whenever those change.
 */
public final class BannedList {

    private final List<String> globalTerms;
    private final BannedPasswordCheck check;
    private volatile int customTermCount;

    public BannedList(List<String> globalTerms, List<String> customTerms) {
        this.globalTerms = List.copyOf(globalTerms);
        this.check = new BannedPasswordCheck(terms(customTerms));
        this.customTermCount = customTerms.size();
    }

    public BannedPasswordCheck check() {
        return check;
    }

    public void replaceCustomTerms(List<String> customTerms) {
        check.replaceTerms(terms(customTerms));
        customTermCount = customTerms.size();
    }

    public int customTermCount() {
        return customTermCount;
    }

    private BannedTerms terms(List<String> customTerms) {
        List<String> all = new ArrayList<>(globalTerms);
        all.addAll(customTerms);
        return new BannedTerms(all);
    }
}
