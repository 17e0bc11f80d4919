// The names of the ten classes a model's classifier knows (the worker says which: 'digits' for MNIST,
// 'clothes' for Fashion-MNIST, in the data sets' label order).
export const classNames = {
  digits: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  clothes: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
};

// What the explorer calls one of them: "Towards digit" / "Towards garment".
export const classNoun = { digits: 'digit', clothes: 'garment' };
