import { patch } from "@web/core/utils/patch";
import { PortalHomeCounters } from "@portal/interactions/portal_home_counters";

patch(PortalHomeCounters.prototype, {
    /**
     * Tenants see the service request and parking queue cards even before their first
     * fault report or application: it is where they make one.
     * @override
     */
    getCountersAlwaysDisplayed() {
        return super.getCountersAlwaysDisplayed(...arguments).concat([
            "housing_service_request_count",
            "housing_parking_count",
        ]);
    },
});
