from pydantic import Field

from .base import (
    ContactRef,
    CustomerNumber,
    DateTime,
    PageQuery,
    RequestBody,
    Resource,
    one_of,
    text,
)


class Address(Resource):
    street: str | None
    street2: str | None
    zip: str | None
    city: str | None
    country: str | None = Field(description="ISO 3166 country code.", examples=["SE"])


class Contact(Resource):
    """A tenant or applicant."""

    id: int
    customer_number: str | None = Field(examples=["P000123"])
    name: str
    is_company: bool
    personal_number: str | None = Field(examples=["19811218-9876"])
    organisation_number: str | None = Field(examples=["556000-4615"])
    email: str | None
    phone: str | None = Field(description="E.164.", examples=["+46701234567"])
    address: Address
    protected_identity: bool = Field(
        description="Protected identity (skyddad identitet): the address is the special "
        "postal address, identity number, phone and e-mail are null, and the contact's "
        "leases and fault reports are not returned."
    )
    trustee: ContactRef | None
    updated_at: DateTime


class ContactLookup(RequestBody):
    """Exactly one of personal_number and organisation_number."""

    model_config = {
        "json_schema_extra": {
            "oneOf": [{"required": ["personal_number"]}, {"required": ["organisation_number"]}],
            "examples": [{"personal_number": "19811218-9876"}],
        }
    }

    personal_number: (
        text(
            20,
            description="Personnummer or samordningsnummer, 10 or 12 digits, with or without dash.",
        )
        | None
    ) = None
    organisation_number: text(20, examples=["556000-4615"]) | None = None

    one_number = one_of("personal_number", "organisation_number")


class ContactQuery(PageQuery):
    pass


class ActingContact(RequestBody):
    customer_number: CustomerNumber = Field(description="The contact acting.")
