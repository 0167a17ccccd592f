import { registry } from "@web/core/registry";

// A 1×1 PNG: the photo the tenant attaches (a tour cannot pick files from disk).
const PHOTO_PNG =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

registry.category("web_tour.tours").add("housing_portal_report_fault", {
    url: "/my/service-requests/new",
    steps: () => [
        {
            content: "Choose the flat the tenant rents",
            trigger: "select[name=location]",
            run: "selectByLabel 971-001-01-0001",
        },
        {
            content: "Choose the kind of fault",
            trigger: "select[name=housing_category]",
            run: "select appliance",
        },
        {
            content: "Give the fault a title",
            trigger: "input[name=name]",
            run: "edit Diskmaskinen läcker",
        },
        {
            content: "Describe the fault",
            trigger: "textarea[name=description]",
            run: "edit Vatten på golvet sedan i går kväll.",
        },
        {
            content: "Allow entry with the master key",
            trigger: "input[name=master_key_allowed]",
            run: "check",
        },
        {
            content: "Say when to call",
            trigger: "input[name=call_between]",
            run: "edit 08-10",
        },
        {
            content: "Attach a photo",
            trigger: "input[name=photos]",
            run() {
                const bytes = Uint8Array.from(atob(PHOTO_PNG), (c) => c.charCodeAt(0));
                const transfer = new DataTransfer();
                transfer.items.add(new File([bytes], "diskmaskin.png", { type: "image/png" }));
                this.anchor.files = transfer.files;
            },
        },
        {
            content: "Send the report",
            trigger: ".o_housing_service_request_form button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The report is received and shown",
            trigger: ".alert-success:contains(your fault report has been received)",
        },
        {
            content: "The title and the flat are shown",
            trigger: ".o_housing_service_request_title:contains(Diskmaskinen läcker)",
        },
        {
            content: "The photo is shown in the messages",
            trigger: ".o_housing_sr_message img[alt='diskmaskin.png']",
        },
    ],
});
