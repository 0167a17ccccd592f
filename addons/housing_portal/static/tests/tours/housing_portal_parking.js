import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("housing_portal_apply_parking", {
    url: "/my/parking",
    steps: () => [
        {
            content: "The tenant applies for the published parking space as an additional space",
            trigger: ".o_housing_listing select[name=application_type]",
            run: "select additional",
        },
        {
            content: "Send the application",
            trigger: ".o_housing_listing button.o_housing_apply",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The application is confirmed and listed as active",
            trigger: ".o_housing_parking_message:contains(You have applied for parking space)",
        },
        {
            content: "It is among my applications",
            trigger: ".o_housing_application .o_housing_application_state:contains(Active)",
        },
    ],
});

registry.category("web_tour.tours").add("housing_portal_accept_offer", {
    url: "/my/parking",
    steps: () => [
        {
            content: "The offer shows its deadline",
            trigger: ".o_housing_offer:contains(Swedish time)",
        },
        {
            content: "Accept the offer",
            trigger: ".o_housing_offer button.o_housing_offer_accept",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The new parking lease is confirmed",
            trigger: ".o_housing_parking_message:contains(Your parking lease)",
        },
        {
            content: "The application is marked accepted",
            trigger: ".o_housing_application .o_housing_application_state:contains(Offer accepted)",
        },
    ],
});
