import { patch } from "@web/core/utils/patch";
import { PortalHomeCounters } from "@portal/interactions/portal_home_counters";

patch(PortalHomeCounters.prototype, {
    /**
     * Tenants see the service request card even before their first fault report:
     * it is where they report one.
     * @override
     */
    getCountersAlwaysDisplayed() {
        return super.getCountersAlwaysDisplayed(...arguments).concat([
            "housing_service_request_count",
        ]);
    },
});
