import { registry } from "@web/core/registry";

/**
 * A tenant on a phone opens a storage room from the storage queue, applies for it on its
 * page and withdraws the application from the queue's page.
 */
registry.category("web_tour.tours").add("housing_portal_storage_apply_withdraw", {
    url: "/my/storage",
    steps: () => [
        {
            content: "Open the storage room from the list to apply for",
            trigger: ".o_housing_listing a.o_housing_listing_link",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The storage room's page shows the rent and the number of applicants",
            trigger: ".o_housing_listing_page:contains(Rent per month) .o_housing_applicant_count:contains(0)",
        },
        {
            content: "Apply",
            trigger: ".o_housing_listing_page button.o_housing_apply",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The application is confirmed and listed as active",
            trigger: ".o_housing_letting_message:contains(You have applied for)",
        },
        {
            content: "It is among my applications",
            trigger: ".o_housing_application .o_housing_application_state:contains(Active)",
        },
        {
            content: "Withdraw it",
            trigger: ".o_housing_application button:contains(Withdraw)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The application is withdrawn",
            trigger: ".o_housing_letting_message:contains(Your application has been withdrawn)",
        },
    ],
});
