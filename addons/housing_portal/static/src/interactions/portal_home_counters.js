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

    /**
     * The housing cards show how many records they lead to (Odoo's cards only hide
     * when there are none).
     * @override
     */
    async updateCounters() {
        await super.updateCounters(...arguments);
        for (const counterEl of this.el.querySelectorAll(
            ".o_portal_index_card:not(.col-12) [data-placeholder_count^='housing_']"
        )) {
            counterEl.classList.remove("d-none");
            counterEl.classList.add("badge", "rounded-pill", "text-bg-secondary", "o_housing_count");
        }
    },
});
