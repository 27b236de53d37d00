package io.sspr.portal.rest;

import io.sspr.events.ResultCode;
import io.sspr.portal.service.RequestStatusService;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Where a request stands; the page polls this. */
@Path(RequestStatusResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class RequestStatusResource {
    static final String PATH = "/api/v1/requests";
    static final String NOT_FOUND_MESSAGE = "No request with this id was found. Check the link, or start a new request.";

    private final RequestStatusService statuses;

    public RequestStatusResource(RequestStatusService statuses) {
        this.statuses = statuses;
    }

    @GET
    @Path("/{requestId}")
    public Response status(@PathParam("requestId") String requestId) {
        UUID id = Ids.parse(requestId);
        if (id == null) {
            return Response.status(Response.Status.BAD_REQUEST).entity(ErrorResponse.of(ResultCode.INVALID_REQUEST))
                    .build();
        }
        return statuses.find(id)
                .map(row -> Response.ok(RequestStatusResponse.from(row)).build())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND)
                        .entity(ErrorResponse.of(ResultCode.INVALID_REQUEST, NOT_FOUND_MESSAGE)).build());
    }
}
