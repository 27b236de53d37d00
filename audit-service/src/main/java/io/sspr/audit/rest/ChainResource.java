package io.sspr.audit.rest;

import io.sspr.audit.chain.ChainJson;
import io.sspr.audit.chain.ChainReport;
import io.sspr.audit.chain.UnknownAnchorException;
import io.sspr.audit.service.ChainService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * The auditors' proof that the audit log is whole: the walk of the hash chain, the signed checkpoints, and the chain
 * export an auditor verifies offline (io.sspr.audit.tools.VerifyExport).
 */
@Path("/api/v1/audit")
@RolesAllowed(AuditorTokens.ROLE)
public class ChainResource {
    private final ChainService chain;

    public ChainResource(ChainService chain) {
        this.chain = chain;
    }

    /** Streams the records from PostgreSQL, one at a time; stops at the first broken link. */
    @GET
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    public ChainReport verify(@QueryParam("fromSequence") String fromSequence) {
        Long from = sequence(fromSequence);
        try {
            return chain.verify(from);
        } catch (UnknownAnchorException e) {
            throw new InvalidRequestException(e.getMessage());
        }
    }

    @GET
    @Path("/checkpoints")
    @Produces(MediaType.APPLICATION_JSON)
    public CheckpointPage checkpoints(@QueryParam("fromSequence") String fromSequence) {
        Long from = sequence(fromSequence);
        return new CheckpointPage(chain.checkpoints(from == null ? 0 : from));
    }

    /** The records after {@code fromSequence} (0 or a checkpoint's) with their chain columns, as JSON lines. */
    @GET
    @Path("/chain")
    @Produces(ChainJson.MEDIA_TYPE)
    public StreamingOutput export(@QueryParam("fromSequence") String fromSequence) {
        Long given = sequence(fromSequence);
        long from = given == null ? 0 : given;
        try {
            chain.checkExportStart(from);
        } catch (UnknownAnchorException e) {
            throw new InvalidRequestException(e.getMessage());
        }
        return out -> chain.export(from, out);
    }

    private static Long sequence(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            long sequence = Long.parseLong(value.trim());
            if (sequence >= 0) {
                return sequence;
            }
        } catch (NumberFormatException e) {
            // answered below, like a negative number
        }
        throw new InvalidRequestException("fromSequence must be a whole number from 0.");
    }
}
