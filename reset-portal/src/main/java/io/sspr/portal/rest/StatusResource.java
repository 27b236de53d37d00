package io.sspr.portal.rest;

import io.sspr.portal.service.WritebackStatusService;
import io.sspr.portal.service.WritebackStatusService.State;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Whether password writeback works right now, for anyone: no authentication, nothing about any user. */
@Path("/api/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
    private final WritebackStatusService status;

    public StatusResource(WritebackStatusService status) {
        this.status = status;
    }

    /** As Entra's on-premises integration blade: Enabled/Disabled, Active/Inactive, why, and since when. */
    public record StatusResponse(String onPremisesIntegration, String writebackStatus, String reason, Instant since) {
        static StatusResponse of(State state) {
            return new StatusResponse(state.integration().name(), state.writeback().name(), state.reason(),
                    state.since());
        }
    }

    @GET
    @Operation(summary = "Writeback status", description = "onPremisesIntegration is Enabled when the administrator's "
            + "and the writeback worker's switches are on; writebackStatus is Active when, besides, a worker reported "
            + "within three heartbeat intervals and reaches a domain controller. While it is Inactive every new change, "
            + "reset and unlock is refused with 503 WRITEBACK_INACTIVE.")
    public StatusResponse status() {
        return StatusResponse.of(status.state());
    }
}
