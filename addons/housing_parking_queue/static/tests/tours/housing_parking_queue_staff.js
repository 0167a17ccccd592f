import { registry } from "@web/core/registry";

// A uthyrare publishes a vacant parking space from its rental object.
registry.category("web_tour.tours").add("housing_parking_publish", {
    steps: () => [
        {
            content: "Publish a listing from the parking space",
            trigger: "button[name=action_open_parking_listing_wizard]",
            run: "click",
        },
        {
            content: "Scored (by queue points) is the default rule",
            trigger: ".modal .o_field_widget[name=rule] select, .modal .o_field_widget[name=rule]",
        },
        {
            trigger: ".modal-footer button[name=action_publish]",
            run: "click",
        },
        {
            content: "The new listing shows street, type and rent",
            trigger: ".o_list_view .o_data_row:contains(999-001-P-005):contains(Testgatan 5):contains(Outdoor)",
        },
    ],
});

// Once applicants have applied: the current ranking, the offer round, the answer.
registry.category("web_tour.tours").add("housing_parking_let", {
    steps: () => [
        {
            content: "The ranking is current without pressing anything: the home tenant first",
            trigger: ".o_housing_ranking tbody tr:first-child:contains(Home Tenant):contains(No parking lease)",
        },
        {
            content: "Offer the space to the first in the ranking",
            trigger: "button[name=action_start_offer_round]",
            run: "click",
        },
        {
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Offered: open the active offer",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Offered)",
        },
        {
            trigger: ".o_field_widget[name=active_offer_id] a",
            run: "click",
        },
        {
            content: "The deadline reads as a day and a time",
            trigger: ".o_field_widget[name=deadline_display]:contains( at 23:59)",
        },
        {
            content: "The applicant accepts by phone: accept for them",
            trigger: "button[name=action_accept]",
            run: "click",
        },
        {
            trigger: ".modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains(Accepted)",
        },
    ],
});
