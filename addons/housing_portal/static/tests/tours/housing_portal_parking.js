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
    url: "/my",
    steps: () => [
        {
            content: "The home page points to the offer waiting for an answer",
            trigger: ".o_housing_offer_alert:contains(1):contains(Parking offers to answer)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The offer shows its deadline",
            trigger: ".o_housing_offer:contains(Swedish time)",
        },
        {
            content: "Accept the offer",
            trigger: ".o_housing_offer a.o_housing_offer_accept",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "A summary says what accepting does before anything happens",
            trigger: ".o_housing_offer_summary:contains(You get a lease for the parking space from):contains(queue points go back to 0)",
        },
        {
            content: "Confirm",
            trigger: ".o_housing_offer_summary button.o_housing_offer_confirm",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The new parking lease is confirmed",
            trigger: ".o_housing_parking_message:contains(Your parking lease):contains(confirmation by e-mail)",
        },
        {
            content: "The application is marked accepted",
            trigger: ".o_housing_application .o_housing_application_state:contains(Offer accepted)",
        },
    ],
});

registry.category("web_tour.tours").add("housing_portal_decline_offer", {
    url: "/my/parking",
    steps: () => [
        {
            content: "Decline the offer",
            trigger: ".o_housing_offer a.o_housing_offer_decline",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "A summary says what declining does",
            trigger: ".o_housing_offer_summary:contains(offered to the next in the queue):contains(You keep your place in the queue)",
        },
        {
            content: "Think again: back to the parking queue, nothing declined",
            trigger: ".o_housing_offer_summary a[href='/my/parking']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The offer still waits for an answer",
            trigger: ".o_housing_offer a.o_housing_offer_decline",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Confirm the decline",
            trigger: ".o_housing_offer_summary button.o_housing_offer_confirm",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The decline is confirmed",
            trigger: ".o_housing_parking_message:contains(You have declined the offer)",
        },
        {
            content: "The application is marked declined",
            trigger: ".o_housing_application .o_housing_application_state:contains(Offer declined)",
        },
    ],
});

registry.category("web_tour.tours").add("housing_portal_give_notice", {
    steps: () => [
        {
            content: "The lease page says when a notice given today ends the lease",
            trigger: ".o_housing_notice:contains(If you give notice today, the lease ends on)",
        },
        {
            content: "Start the notice",
            trigger: ".o_housing_notice button.o_housing_notice_start",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The summary shows the termination date under the notice rule",
            trigger: ".o_housing_notice_summary .o_housing_notice_termination",
        },
        {
            content: "Confirm the notice",
            trigger: ".o_housing_notice_summary button.o_housing_notice_confirm",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The notice is registered",
            trigger: ".o_housing_flash:contains(Your notice has been registered)",
        },
        {
            content: "The lease is under notice and no longer offers the form",
            trigger: "dd:contains(Notice given)",
        },
        {
            content: "No notice form any more",
            trigger: "body:not(:has(.o_housing_notice))",
        },
    ],
});
