import { registry } from "@web/core/registry";

/**
 * The page fits a phone: nothing is wider than the screen, and no table has to be scrolled
 * sideways (Odoo's portal tables scroll inside .table-responsive; the housing lists stack
 * their rows as cards instead).
 */
function assertFitsTheScreen() {
    const screen = document.documentElement.clientWidth;
    const tooWide = [...document.querySelectorAll("main *")]
        .filter((el) => el.getBoundingClientRect().right > screen + 1)
        .map(
            (el) =>
                `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} ` +
                `"${el.textContent.trim().slice(0, 30)}" (${Math.round(el.getBoundingClientRect().right)}px)`
        );
    if (tooWide.length) {
        throw new Error(`Wider than the ${screen}px screen: ${tooWide.slice(0, 5).join(", ")}`);
    }
    const scrolled = [...document.querySelectorAll(".table-responsive")].filter(
        (el) => el.scrollWidth > el.clientWidth + 1
    );
    if (scrolled.length) {
        throw new Error(`${scrolled.length} table(s) must be scrolled sideways on a phone`);
    }
}

registry.category("web_tour.tours").add("housing_portal_fits_phone", {
    steps: () => [
        {
            content: "The page has loaded its content",
            trigger: "main .o_portal_wrap, main .o_portal_my_home, main form",
        },
        {
            content: "Nothing runs off the screen of a 390 px phone",
            trigger: "main",
            run: assertFitsTheScreen,
        },
    ],
});
