import Hummingbird
import WancunKit
