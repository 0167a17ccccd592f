from pydantic import Field

from .base import CodeRef, Date, DateTime, PageQuery, Resource, selection, text


class ShortAddress(Resource):
    street: str | None
    zip: str | None
    city: str | None


class ResidentialArea(Resource):
    """A residential area (bostadsområde)."""

    id: int
    code: str = Field(examples=["CEN"])
    name: str
    district: CodeRef | None
    updated_at: DateTime


class Staircase(Resource):
    """An entrance (uppgång)."""

    id: int
    code: str
    name: str
    address: ShortAddress


class Building(Resource):
    id: int
    code: str
    name: str
    type: selection("housing.building", "building_type") | None
    construction_year: int | None
    property: CodeRef | None
    staircases: list[Staircase]
    rental_object_count: int
    updated_at: DateTime


class Property(Resource):
    """A property (fastighet) with its buildings and entrances."""

    id: int
    code: str = Field(examples=["24104"])
    name: str = Field(examples=["SJÖODJURET 2"])
    municipality: str | None
    residential_area: CodeRef | None
    caretaker_area: CodeRef | None
    buildings: list[Building]
    rental_object_count: int
    updated_at: DateTime


class Block(Resource):
    reason: selection("housing.rental.block", "reason")
    note: str | None
    date_from: Date
    date_to: Date | None


class LeaseRef(Resource):
    id: int
    number: str


class RentalObject(Resource):
    """A rental object (hyresobjekt) with today's status and rent."""

    id: int
    code: str = Field(examples=["705-808-00-0006"])
    name: str
    type: selection("housing.rental.object", "object_type")
    status: selection(
        "housing.rental.object",
        "status",
        description="Today's status, derived from blocks and leases.",
    )
    property: CodeRef | None
    building: CodeRef | None
    staircase: CodeRef | None
    residential_area: CodeRef | None
    caretaker_area: CodeRef | None
    address: ShortAddress
    area: float | None = Field(description="m² (BOA/LOA).")
    room_code: str | None = Field(examples=["2RK"])
    apartment_number: str | None = Field(examples=["1102"])
    floor: int
    has_elevator: bool
    has_balcony: bool
    is_accessible: bool
    parking_type: selection("housing.rental.object", "parking_type") | None
    has_charging: bool
    base_rent: float = Field(description="Monthly base rent.")
    current_rent: float = Field(
        description="Monthly rent today: the current lease's rent lines, or the base rent "
        "when vacant."
    )
    currency: str = Field(examples=["SEK"])
    vacant_from: Date | None
    current_lease: LeaseRef | None
    blocks: list[Block] = Field(description="Blocks in force or to come.")
    updated_at: DateTime


Code = text(64, description="The code.")


class ResidentialAreaQuery(PageQuery):
    pass


class PropertyQuery(PageQuery):
    residential_area: Code | None = Field(None, description="Residential area code, e.g. CEN.")


class RentalObjectQuery(PageQuery):
    type: selection("housing.rental.object", "object_type") | None = None
    status: selection("housing.rental.object", "status", description="Today's status.") | None = (
        None
    )
    property: Code | None = Field(None, description="Property code.")
    building: Code | None = Field(None, description="Building code.")
    residential_area: Code | None = Field(None, description="Residential area code.")
